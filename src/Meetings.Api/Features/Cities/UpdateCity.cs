using MediatR;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Cities;

public sealed record UpdateCity(Guid Id, CityInput Input, string? IfMatch) : IRequest<CityResponse>;

internal sealed class UpdateCityHandler(MeetingsDbContext db) : IRequestHandler<UpdateCity, CityResponse>
{
    public async Task<CityResponse> Handle(UpdateCity request, CancellationToken ct)
    {
        var city = await db.Cities.SingleOrDefaultAsync(c => c.Id == request.Id, ct)
            ?? throw new NotFoundException("City", request.Id);
        ETags.EnsureMatches(request.IfMatch, city.Version);

        var input = request.Input;
        if (input.Kind is { } kind && kind != city.Kind
            && await db.ApiKeys.AnyAsync(k => k.CityId == city.Id && k.RevokedAt == null, ct))
        {
            throw new DomainException("The city's kind cannot change while partner keys of it are active; revoke them first.");
        }

        city.Update(input.Name, input.Kind, input.ContactEmail);
        await CityNames.EnsureUniqueAsync(db, city, ct);
        await db.SaveChangesAsync(ct);
        return CityResponse.From(city);
    }
}
