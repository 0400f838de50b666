using MediatR;
using Meetings.Api.Features.Meetings;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Polls;

/// <summary>Closes a poll: with a slot, the draft takes its times and every participant gets <c>date-chosen</c>; without, the poll just ends.</summary>
public sealed record ClosePoll(Guid MeetingId, Guid? SlotId) : IRequest<PollResponse>;

internal sealed class ClosePollHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<ClosePoll, PollResponse>
{
    public async Task<PollResponse> Handle(ClosePoll request, CancellationToken ct)
    {
        var meeting = await db.LoadForChange(request.MeetingId, ifMatch: null, withInvitations: false, ct);
        var poll = await db.PollOfMeeting(meeting.Id, tracked: true, ct)
            ?? throw new NotFoundException("The meeting has no date poll.");
        poll.Close(meeting, request.SlotId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return PollResponse.ForOffice(poll, meeting);
    }
}
