using MediatR;
using Meetings.Api.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Cities;

public sealed record GetCity(Guid Id) : IRequest<CityResponse>;

public sealed record ListCities(PageRequest Page) : IRequest<Page<CityResponse>>;

internal sealed class CityQueries(MeetingsDbContext db)
    : IRequestHandler<GetCity, CityResponse>, IRequestHandler<ListCities, Page<CityResponse>>
{
    public async Task<CityResponse> Handle(GetCity request, CancellationToken ct)
    {
        var city = await db.Cities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.Id, ct)
            ?? throw new NotFoundException("City", request.Id);
        return CityResponse.From(city);
    }

    public async Task<Page<CityResponse>> Handle(ListCities request, CancellationToken ct)
    {
        var query = db.Cities.AsNoTracking();
        var total = await query.CountAsync(ct);
        var cities = await query.OrderBy(c => c.Name).Skip(request.Page.Skip).Take(request.Page.Take).ToListAsync(ct);
        return new Page<CityResponse>(cities.Select(CityResponse.From).ToList(), total);
    }
}
