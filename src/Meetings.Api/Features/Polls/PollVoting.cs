using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Domain.Polls;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Polls;

/// <summary>What voting by link, by page and by department key share: a vote, or the head passing the vote to the deputy.</summary>
internal static class PollVoting
{
    public static async Task CastAsync(
        MeetingsDbContext db, DatePoll poll, Meeting meeting, PollBallot ballot, VoteBody body, string voter, bool byDelegate, DateTimeOffset now, CancellationToken ct)
    {
        if (body.DelegateToDeputy == true)
        {
            if (byDelegate)
            {
                throw new ForbiddenException("This is a delegate's link: only the head passes the vote on.");
            }

            var deputy = ballot.DepartmentId is { } departmentId
                ? (await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == departmentId, ct))?.Deputy
                : null;
            if (ballot.Kind != PollBallotKind.Department || deputy is null)
            {
                throw new DomainException("Only a department's head passes the vote on, to the deputy the directory names; there is none here.");
            }

            poll.DelegateVote(meeting, ballot, deputy, now);
            if (body.Votes is null)
            {
                return;
            }
        }

        poll.Vote(meeting, ballot, body.ToVotes(), body.Comment, voter, now);
    }
}
