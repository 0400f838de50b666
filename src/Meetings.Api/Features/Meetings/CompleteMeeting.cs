using MediatR;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Meetings;

/// <summary>Closes a published meeting whose start has passed and records attendance.</summary>
public sealed record CompleteMeeting(Guid Id, IReadOnlyList<Guid> AttendedInvitationIds, string? IfMatch) : IRequest<MeetingResponse>;

internal sealed class CompleteMeetingHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<CompleteMeeting, MeetingResponse>
{
    public async Task<MeetingResponse> Handle(CompleteMeeting request, CancellationToken ct)
    {
        var meeting = await db.LoadForChange(request.Id, request.IfMatch, withInvitations: true, ct);
        meeting.Complete(request.AttendedInvitationIds, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return MeetingResponse.From(meeting);
    }
}
