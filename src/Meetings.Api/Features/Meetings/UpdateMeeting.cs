using MediatR;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Meetings;

/// <summary>
/// Replaces a meeting's details. A published meeting keeps its time (reschedule moves it); a change
/// invitees see (title, location) raises its sequence.
/// </summary>
public sealed record UpdateMeeting(Guid Id, MeetingBody Body, string? IfMatch) : IRequest<MeetingResponse>;

internal sealed class UpdateMeetingHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<UpdateMeeting, MeetingResponse>
{
    public async Task<MeetingResponse> Handle(UpdateMeeting request, CancellationToken ct)
    {
        var meeting = await db.LoadForChange(request.Id, request.IfMatch, withInvitations: true, ct); // its events mail every invitee
        meeting.Edit(request.Body.ToInput(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return MeetingResponse.From(meeting);
    }
}
