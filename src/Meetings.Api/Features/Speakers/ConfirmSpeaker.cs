using MediatR;
using Meetings.Api.Auth;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Speakers;

/// <summary>
/// Confirms: the speaker is invited (now, or when the draft is published) and, unless told otherwise, the talk joins
/// the agenda — all in one unit of work: a talk that does not fit saves nothing (409).
/// </summary>
public sealed record ConfirmSpeaker(Guid MeetingId, Guid SpeakerId, ConfirmBody? Body) : IRequest<SpeakerResponse>;

internal sealed class ConfirmSpeakerHandler(MeetingsDbContext db, Caller caller, TimeProvider clock) : IRequestHandler<ConfirmSpeaker, SpeakerResponse>
{
    public async Task<SpeakerResponse> Handle(ConfirmSpeaker request, CancellationToken ct)
    {
        var (speaker, meeting) = await db.LoadSpeaker(caller, request.MeetingId, request.SpeakerId, withMeetingDetails: true, ct);
        speaker.Confirm(meeting, request.Body?.AddToAgenda ?? true, request.Body?.Position, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return SpeakerResponse.From(speaker);
    }
}
