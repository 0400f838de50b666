using MediatR;
using Meetings.Api.Auth;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Speakers;

/// <summary>Withdraws a speaker: a confirmed speaker's talks leave the agenda, the invitation is withdrawn and the organizer told.</summary>
public sealed record WithdrawSpeaker(Guid MeetingId, Guid SpeakerId) : IRequest<Unit>;

internal sealed class WithdrawSpeakerHandler(MeetingsDbContext db, Caller caller, TimeProvider clock) : IRequestHandler<WithdrawSpeaker, Unit>
{
    public async Task<Unit> Handle(WithdrawSpeaker request, CancellationToken ct)
    {
        var (speaker, meeting) = await db.LoadSpeaker(caller, request.MeetingId, request.SpeakerId, withMeetingDetails: true, ct);
        speaker.Withdraw(meeting, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
