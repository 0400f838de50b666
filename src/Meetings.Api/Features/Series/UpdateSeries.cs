using MediatR;
using Meetings.Api.Common;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Series;

public sealed record UpdateSeries(Guid Id, SeriesBody Body, string? IfMatch) : IRequest<SeriesResponse>;

internal sealed class UpdateSeriesHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<UpdateSeries, SeriesResponse>
{
    public async Task<SeriesResponse> Handle(UpdateSeries request, CancellationToken ct)
    {
        var series = await db.LoadSeries(request.Id, ct);
        ETags.EnsureMatches(request.IfMatch, series.Version);
        series.Update(request.Body.ToInput(), await db.HostCity(request.Body.HostCityId, ct));
        await PersonFeeds.SyncAsync(db, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return SeriesResponse.From(series);
    }
}
