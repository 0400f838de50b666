using MediatR;
using Meetings.Api.Auth;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Speakers;

/// <summary>One speaker (another city's speaker is a 404 for a partner key).</summary>
public sealed record GetSpeaker(Guid MeetingId, Guid SpeakerId) : IRequest<SpeakerResponse>;

internal sealed class GetSpeakerHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<GetSpeaker, SpeakerResponse>
{
    public async Task<SpeakerResponse> Handle(GetSpeaker request, CancellationToken ct) =>
        SpeakerResponse.From((await db.LoadSpeaker(caller, request.MeetingId, request.SpeakerId, withMeetingDetails: false, ct)).Speaker);
}
