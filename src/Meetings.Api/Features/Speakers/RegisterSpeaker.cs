using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Speakers;

/// <summary>A partner city proposes a speaker: the city comes from a partner key, never from the body; an admin names it.</summary>
public sealed record RegisterSpeaker(Guid MeetingId, SpeakerBody Body) : IRequest<SpeakerResponse>;

internal sealed class RegisterSpeakerHandler(MeetingsDbContext db, Caller caller, TimeProvider clock) : IRequestHandler<RegisterSpeaker, SpeakerResponse>
{
    public async Task<SpeakerResponse> Handle(RegisterSpeaker request, CancellationToken ct)
    {
        var meeting = await caller.MaySee(db.Meetings.AsNoTracking()).SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct) // a draft: 404 for a partner key
            ?? throw new NotFoundException("Meeting", request.MeetingId);
        var cityId = caller.CityScope
                     ?? request.Body.CityId
                     ?? throw DomainValidationException.For("cityId", "is required when an admin registers a speaker.");
        var city = await db.Cities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cityId, ct)
            ?? throw DomainValidationException.For("cityId", "names no city.");
        var speaker = Speaker.Register(meeting, city, request.Body.ToInput(), clock.GetUtcNow());
        await db.EnsureNotProposedTwice(speaker, ct);
        db.Speakers.Add(speaker);
        await db.SaveChangesAsync(ct);
        return SpeakerResponse.From(speaker);
    }
}
