using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Speakers;

/// <summary>Edits a proposal while it is proposed.</summary>
public sealed record EditSpeaker(Guid MeetingId, Guid SpeakerId, SpeakerBody Body, string? IfMatch) : IRequest<SpeakerResponse>;

internal sealed class EditSpeakerHandler(MeetingsDbContext db, Caller caller, TimeProvider clock) : IRequestHandler<EditSpeaker, SpeakerResponse>
{
    public async Task<SpeakerResponse> Handle(EditSpeaker request, CancellationToken ct)
    {
        var (speaker, meeting) = await db.LoadSpeaker(caller, request.MeetingId, request.SpeakerId, withMeetingDetails: false, ct);
        ETags.EnsureMatches(request.IfMatch, speaker.Version);
        speaker.Edit(meeting, request.Body.ToInput(), clock.GetUtcNow());
        await db.EnsureNotProposedTwice(speaker, ct);
        await db.SaveChangesAsync(ct);
        return SpeakerResponse.From(speaker);
    }
}
