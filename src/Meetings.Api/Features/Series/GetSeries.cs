using MediatR;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Series;

public sealed record GetSeries(Guid Id) : IRequest<SeriesResponse>;

internal sealed class GetSeriesHandler(MeetingsDbContext db) : IRequestHandler<GetSeries, SeriesResponse>
{
    public async Task<SeriesResponse> Handle(GetSeries request, CancellationToken ct) => SeriesResponse.From(await db.LoadSeries(request.Id, ct));
}
