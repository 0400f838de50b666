using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Meetings;

/// <summary>Loading a meeting for a change, the same way for every use case.</summary>
internal static class MeetingStore
{
    public static async Task<Meeting> LoadForChange(this MeetingsDbContext db, Guid id, string? ifMatch, bool withInvitations, CancellationToken ct)
    {
        IQueryable<Meeting> query = withInvitations ? db.Meetings.Include(m => m.Invitations) : db.Meetings;
        query = query.Include(m => m.AgendaItems); // the agenda must still fit when times change
        var meeting = await query.SingleOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException("Meeting", id);
        ETags.EnsureMatches(ifMatch, meeting.Version);
        return meeting;
    }
}
