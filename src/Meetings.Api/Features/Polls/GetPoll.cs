using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Polls;

/// <summary>A meeting's poll: the office sees the tallies and the best order; a department key the slots and its own vote only.</summary>
public sealed record GetPoll(Guid MeetingId) : IRequest<PollResponse>;

internal sealed class GetPollHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<GetPoll, PollResponse>
{
    public async Task<PollResponse> Handle(GetPoll request, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
            ?? throw new NotFoundException(nameof(Meeting), request.MeetingId);
        var poll = await db.PollOfMeeting(meeting.Id, tracked: false, ct)
            ?? throw new NotFoundException("The meeting has no date poll.");
        return caller.DepartmentScope is { } department
            ? PollResponse.ForBallot(poll, meeting, poll.BallotOfDepartment(department))
            : PollResponse.ForOffice(poll, meeting);
    }
}
