using MediatR;
using Meetings.Api.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Series;

public sealed record ListSeries(PageRequest Page) : IRequest<Page<SeriesResponse>>;

internal sealed class ListSeriesHandler(MeetingsDbContext db) : IRequestHandler<ListSeries, Page<SeriesResponse>>
{
    public async Task<Page<SeriesResponse>> Handle(ListSeries request, CancellationToken ct)
    {
        var total = await db.Series.CountAsync(ct);
        var items = await db.Series.AsNoTracking().OrderBy(s => s.Name).Skip(request.Page.Skip).Take(request.Page.Take).ToListAsync(ct);
        return new Page<SeriesResponse>(items.Select(SeriesResponse.From).ToList(), total);
    }
}
