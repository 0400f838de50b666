using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Speakers;

/// <summary>
/// What the speakers' use cases load. Speakers are scoped by city: a partner key sees and changes only its own
/// city's speakers (<see cref="Caller.MaySee(IQueryable{Speaker})"/>); another city's speaker is a 404, and so is every
/// speaker route of a meeting the key may not see (a draft is the office's: <see cref="Caller.MaySee(IQueryable{Meeting})"/>).
/// </summary>
internal static class SpeakerStore
{
    /// <summary>
    /// The speaker (tracked) and its meeting; with <paramref name="withMeetingDetails"/> the meeting's agenda and the
    /// speaker's invitation too. A meeting the caller may not see (a draft, for a partner key) is a 404 first, whatever
    /// speakers it has.
    /// </summary>
    public static async Task<(Speaker Speaker, Meeting Meeting)> LoadSpeaker(
        this MeetingsDbContext db, Caller caller, Guid meetingId, Guid speakerId, bool withMeetingDetails, CancellationToken ct)
    {
        IQueryable<Meeting> meetings = withMeetingDetails
            ? db.Meetings.Include(m => m.AgendaItems).Include(m => m.Invitations.Where(i => i.SpeakerId == speakerId))
            : db.Meetings;
        var meeting = await caller.MaySee(meetings).SingleOrDefaultAsync(m => m.Id == meetingId, ct) ?? throw new NotFoundException("Meeting", meetingId);
        var speaker = await caller.MaySee(db.Speakers).SingleOrDefaultAsync(s => s.Id == speakerId && s.MeetingId == meetingId, ct)
            ?? throw new NotFoundException("Speaker", speakerId);
        return (speaker, meeting);
    }

    /// <summary>The same person may not be proposed twice for one meeting (409).</summary>
    public static async Task EnsureNotProposedTwice(this MeetingsDbContext db, Speaker speaker, CancellationToken ct)
    {
        if (await db.Speakers.AnyAsync(speaker.SameActiveProposal(), ct))
        {
            throw speaker.ProposedTwice();
        }
    }
}
