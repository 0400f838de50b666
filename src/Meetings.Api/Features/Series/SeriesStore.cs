using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Series;

/// <summary>What the series' use cases load.</summary>
internal static class SeriesStore
{
    public static async Task<Domain.Meetings.Series> LoadSeries(this MeetingsDbContext db, Guid id, CancellationToken ct) =>
        await db.Series.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("Series", id);

    /// <summary>The host city a body names, if any (the series checks that it is one).</summary>
    public static async Task<City?> HostCity(this MeetingsDbContext db, Guid? id, CancellationToken ct) =>
        id is null ? null : await db.Cities.SingleOrDefaultAsync(c => c.Id == id, ct);
}
