using MediatR;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Cities;

public sealed record GetCity(Guid Id) : IRequest<CityResponse>;

internal sealed class GetCityHandler(MeetingsDbContext db) : IRequestHandler<GetCity, CityResponse>
{
    public async Task<CityResponse> Handle(GetCity request, CancellationToken ct)
    {
        var city = await db.Cities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.Id, ct)
            ?? throw new NotFoundException("City", request.Id);
        return CityResponse.From(city);
    }
}
