using MediatR;
using Meetings.Api.Auth;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Speakers;

/// <summary>Rejects a proposal with a reason; the speaker and the city are told.</summary>
public sealed record RejectSpeaker(Guid MeetingId, Guid SpeakerId, RejectBody? Body) : IRequest<SpeakerResponse>;

internal sealed class RejectSpeakerHandler(MeetingsDbContext db, Caller caller, TimeProvider clock) : IRequestHandler<RejectSpeaker, SpeakerResponse>
{
    public async Task<SpeakerResponse> Handle(RejectSpeaker request, CancellationToken ct)
    {
        var (speaker, meeting) = await db.LoadSpeaker(caller, request.MeetingId, request.SpeakerId, withMeetingDetails: false, ct);
        speaker.Reject(meeting, request.Body?.Reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return SpeakerResponse.From(speaker);
    }
}
