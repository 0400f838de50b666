using MediatR;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Series;

public sealed record CreateSeries(SeriesBody Body) : IRequest<SeriesResponse>;

internal sealed class CreateSeriesHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<CreateSeries, SeriesResponse>
{
    public async Task<SeriesResponse> Handle(CreateSeries request, CancellationToken ct)
    {
        var series = Domain.Meetings.Series.Create(request.Body.ToInput(), await db.HostCity(request.Body.HostCityId, ct), clock.GetUtcNow());
        db.Series.Add(series);
        await PersonFeeds.SyncAsync(db, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return SeriesResponse.From(series);
    }
}
