using MediatR;
using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Cities;

public sealed record CreateCity(CityInput Input) : IRequest<CityResponse>;

internal sealed class CreateCityHandler(MeetingsDbContext db) : IRequestHandler<CreateCity, CityResponse>
{
    public async Task<CityResponse> Handle(CreateCity request, CancellationToken ct)
    {
        var city = City.Create(request.Input.Name, request.Input.Kind, request.Input.ContactEmail);
        await CityNames.EnsureUniqueAsync(db, city, ct);
        db.Cities.Add(city);
        await db.SaveChangesAsync(ct);
        return CityResponse.From(city);
    }
}

internal static class CityNames
{
    public static async Task EnsureUniqueAsync(MeetingsDbContext db, City city, CancellationToken ct)
    {
        if (await db.Cities.AnyAsync(c => c.Name == city.Name && c.Id != city.Id, ct))
        {
            throw new DomainException($"A city named '{city.Name}' exists already.");
        }
    }
}
