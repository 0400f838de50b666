using MediatR;
using Meetings.Api.Auth;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Meetings;

/// <summary>Moves a published meeting; every answer goes back to pending (kept in history).</summary>
public sealed record RescheduleMeeting(Guid Id, RescheduleBody Body, string? IfMatch) : IRequest<MeetingResponse>;

internal sealed class RescheduleMeetingHandler(MeetingsDbContext db, TimeProvider clock, Caller caller)
    : IRequestHandler<RescheduleMeeting, MeetingResponse>
{
    public async Task<MeetingResponse> Handle(RescheduleMeeting request, CancellationToken ct)
    {
        var meeting = await db.LoadForChange(request.Id, request.IfMatch, withInvitations: true, ct);
        meeting.Reschedule(request.Body.StartsAt, request.Body.EndsAt, request.Body.Reason, clock.GetUtcNow(), caller.Actor);
        await db.SaveChangesAsync(ct);
        return MeetingResponse.From(meeting);
    }
}
