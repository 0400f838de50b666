using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Domain.Polls;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Polls;

/// <summary>Loading a poll, the same way for every use case: with its slots and ballots.</summary>
internal static class PollStore
{
    public static NotFoundException UnknownLink() => new("The poll link is not valid.");

    public static Task<DatePoll?> PollOfMeeting(this MeetingsDbContext db, Guid meetingId, bool tracked, CancellationToken ct) =>
        Polls(db, tracked).SingleOrDefaultAsync(p => p.MeetingId == meetingId, ct);

    /// <summary>
    /// The poll and ballot behind a link token (the head's, the host's or the delegate's own); unknown: 404. Only that one
    /// ballot is loaded with the slots: a link shows and changes its own vote alone, and a poll of a city has a thousand
    /// ballots that a page view need not read.
    /// </summary>
    public static async Task<(DatePoll Poll, PollBallot Ballot, Meeting Meeting)> ByToken(this MeetingsDbContext db, string token, bool tracked, CancellationToken ct)
    {
        if (!Invitation.MayBeToken(token))
        {
            throw UnknownLink();
        }

        var pollId = await db.Set<PollBallot>().Where(b => b.Token == token || b.DelegateToken == token).Select(b => (Guid?)b.PollId).FirstOrDefaultAsync(ct)
            ?? throw UnknownLink();
        var polls = db.Polls.Include(p => p.Slots).Include(p => p.Ballots.Where(b => b.Token == token || b.DelegateToken == token)).AsSplitQuery();
        var poll = await (tracked ? polls : polls.AsNoTracking()).SingleAsync(p => p.Id == pollId, ct);
        var meetings = tracked ? db.Meetings : db.Meetings.AsNoTracking();
        var meeting = await meetings.SingleAsync(m => m.Id == poll.MeetingId, ct);
        return (poll, poll.BallotOf(token)!, meeting);
    }

    private static IQueryable<DatePoll> Polls(MeetingsDbContext db, bool tracked)
    {
        var polls = db.Polls.Include(p => p.Slots).Include(p => p.Ballots).AsSplitQuery();
        return tracked ? polls : polls.AsNoTracking();
    }
}
