using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Minutes;

/// <summary>Loading minutes for a change, the same way for every use case.</summary>
internal static class MinutesStore
{
    /// <summary>The meeting with invitations and agenda, and its minutes (tracked; null: none yet), checking <c>If-Match</c> against them.</summary>
    public static async Task<(Meeting Meeting, Domain.Results.Minutes? Minutes)> LoadMinutesForChange(
        this MeetingsDbContext db, Guid meetingId, string? ifMatch, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Invitations).Include(m => m.AgendaItems).AsSplitQuery()
            .SingleOrDefaultAsync(m => m.Id == meetingId, ct) ?? throw new NotFoundException("Meeting", meetingId);
        var minutes = await db.Minutes.SingleOrDefaultAsync(m => m.MeetingId == meetingId, ct);
        ETags.EnsureMatches(ifMatch, minutes?.Version ?? 0);
        return (meeting, minutes);
    }

    /// <param name="departmentScope">A department key's department: another department's carried-over tasks are summaries.</param>
    public static async Task<MinutesResponse> Response(this MeetingsDbContext db, Guid meetingId, Guid? departmentScope, CancellationToken ct) =>
        MinutesResponse.From(await ResultsQueries.MinutesViewAsync(db, meetingId, ct) ?? throw new NotFoundException("Minutes of meeting", meetingId), departmentScope);
}
