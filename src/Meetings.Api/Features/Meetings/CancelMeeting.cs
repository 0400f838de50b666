using MediatR;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Meetings;

/// <summary>Cancels a draft or published meeting.</summary>
public sealed record CancelMeeting(Guid Id, string? Reason, string? IfMatch) : IRequest<MeetingResponse>;

internal sealed class CancelMeetingHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<CancelMeeting, MeetingResponse>
{
    public async Task<MeetingResponse> Handle(CancelMeeting request, CancellationToken ct)
    {
        var meeting = await db.LoadForChange(request.Id, request.IfMatch, withInvitations: true, ct); // its events mail every invitee
        meeting.Cancel(request.Reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return MeetingResponse.From(meeting);
    }
}
