using MediatR;
using Meetings.Api.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Cities;

public sealed record ListCities(PageRequest Page) : IRequest<Page<CityResponse>>;

internal sealed class ListCitiesHandler(MeetingsDbContext db) : IRequestHandler<ListCities, Page<CityResponse>>
{
    public async Task<Page<CityResponse>> Handle(ListCities request, CancellationToken ct)
    {
        var query = db.Cities.AsNoTracking();
        var total = await query.CountAsync(ct);
        var cities = await query.OrderBy(c => c.Name).Skip(request.Page.Skip).Take(request.Page.Take).ToListAsync(ct);
        return new Page<CityResponse>(cities.Select(CityResponse.From).ToList(), total);
    }
}
