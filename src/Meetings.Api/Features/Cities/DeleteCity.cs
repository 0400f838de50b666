using MediatR;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Cities;

/// <summary>Deletes a city that nothing refers to; a city with keys, series or speakers stays (409).</summary>
public sealed record DeleteCity(Guid Id) : IRequest<Unit>;

internal sealed class DeleteCityHandler(MeetingsDbContext db) : IRequestHandler<DeleteCity, Unit>
{
    public async Task<Unit> Handle(DeleteCity request, CancellationToken ct)
    {
        var city = await db.Cities.SingleOrDefaultAsync(c => c.Id == request.Id, ct)
            ?? throw new NotFoundException("City", request.Id);

        var keys = await db.ApiKeys.CountAsync(k => k.CityId == city.Id, ct);
        if (keys > 0)
        {
            throw new DomainException($"{city.Name} is still referenced by {keys} API key(s) (revoked keys stay for the record).");
        }

        db.Cities.Remove(city);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
