using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Polls;

/// <summary>A department's vote by its department key (or recorded by the office); another department's is a 403.</summary>
public sealed record VoteByKey(Guid MeetingId, Guid DepartmentId, VoteBody Body) : IRequest<PollResponse>;

internal sealed class VoteByKeyHandler(MeetingsDbContext db, Caller caller, TimeProvider clock) : IRequestHandler<VoteByKey, PollResponse>
{
    public async Task<PollResponse> Handle(VoteByKey request, CancellationToken ct)
    {
        if (caller.DepartmentScope is { } own && own != request.DepartmentId)
        {
            throw new ForbiddenException("This key votes only for its own department.");
        }

        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
            ?? throw new NotFoundException(nameof(Meeting), request.MeetingId);
        var poll = await db.PollOfMeeting(meeting.Id, tracked: true, ct)
            ?? throw new NotFoundException("The meeting has no date poll.");
        var ballot = poll.BallotOfDepartment(request.DepartmentId);
        await PollVoting.CastAsync(db, poll, meeting, ballot, request.Body, ballot.MailRecipient.Name, byDelegate: false, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return PollResponse.ForBallot(poll, meeting, ballot);
    }
}
