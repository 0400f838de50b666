using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Speakers;

public sealed record RegisterSpeaker(Guid MeetingId, SpeakerBody Body) : IRequest<SpeakerResponse>;

public sealed record EditSpeaker(Guid MeetingId, Guid SpeakerId, SpeakerBody Body, string? IfMatch) : IRequest<SpeakerResponse>;

public sealed record GetSpeaker(Guid MeetingId, Guid SpeakerId) : IRequest<SpeakerResponse>;

public sealed record ListSpeakers(Guid MeetingId) : IRequest<Page<SpeakerResponse>>;

public sealed record ConfirmSpeaker(Guid MeetingId, Guid SpeakerId, ConfirmBody? Body) : IRequest<SpeakerResponse>;

public sealed record RejectSpeaker(Guid MeetingId, Guid SpeakerId, RejectBody? Body) : IRequest<SpeakerResponse>;

public sealed record WithdrawSpeaker(Guid MeetingId, Guid SpeakerId) : IRequest<Unit>;

/// <summary>
/// Speakers are scoped by city: a partner key sees and changes only its own city's speakers (the city
/// comes from the key, never from the body); another city's speaker is a 404. Admins act for any city.
/// </summary>
internal sealed class SpeakerHandlers(MeetingsDbContext db, Caller caller, TimeProvider clock) :
    IRequestHandler<RegisterSpeaker, SpeakerResponse>,
    IRequestHandler<EditSpeaker, SpeakerResponse>,
    IRequestHandler<GetSpeaker, SpeakerResponse>,
    IRequestHandler<ListSpeakers, Page<SpeakerResponse>>,
    IRequestHandler<ConfirmSpeaker, SpeakerResponse>,
    IRequestHandler<RejectSpeaker, SpeakerResponse>,
    IRequestHandler<WithdrawSpeaker, Unit>
{
    public async Task<SpeakerResponse> Handle(RegisterSpeaker request, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
            ?? throw new NotFoundException("Meeting", request.MeetingId);
        var cityId = caller.IsAdmin
            ? request.Body.CityId ?? throw DomainValidationException.For("cityId", "is required when an admin registers a speaker.")
            : caller.CityId!.Value;
        var city = await db.Cities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cityId, ct)
            ?? throw DomainValidationException.For("cityId", "names no city.");
        var speaker = Speaker.Register(meeting, city, request.Body.ToInput(), clock.GetUtcNow());
        await EnsureUniqueEmail(speaker, ct);
        db.Speakers.Add(speaker);
        await db.SaveChangesAsync(ct);
        return SpeakerResponse.From(speaker);
    }

    public async Task<SpeakerResponse> Handle(EditSpeaker request, CancellationToken ct)
    {
        var (speaker, meeting) = await Load(request.MeetingId, request.SpeakerId, withMeetingDetails: false, ct);
        ETags.EnsureMatches(request.IfMatch, speaker.Version);
        speaker.Edit(meeting, request.Body.ToInput(), clock.GetUtcNow());
        await EnsureUniqueEmail(speaker, ct);
        await db.SaveChangesAsync(ct);
        return SpeakerResponse.From(speaker);
    }

    public async Task<SpeakerResponse> Handle(GetSpeaker request, CancellationToken ct) =>
        SpeakerResponse.From((await Load(request.MeetingId, request.SpeakerId, withMeetingDetails: false, ct)).Speaker);

    public async Task<Page<SpeakerResponse>> Handle(ListSpeakers request, CancellationToken ct)
    {
        if (!await db.Meetings.AnyAsync(m => m.Id == request.MeetingId, ct))
        {
            throw new NotFoundException("Meeting", request.MeetingId);
        }

        var query = db.Speakers.AsNoTracking().Where(s => s.MeetingId == request.MeetingId);
        if (!caller.IsAdmin)
        {
            query = query.Where(s => s.CityId == caller.CityId);
        }

        var items = await query.OrderBy(s => s.CreatedAt).ToListAsync(ct);
        return new Page<SpeakerResponse>(items.Select(SpeakerResponse.From).ToList(), items.Count);
    }

    /// <summary>Confirms: the speaker is invited (now, or when the draft is published) and, unless told otherwise, gets an agenda item.</summary>
    public async Task<SpeakerResponse> Handle(ConfirmSpeaker request, CancellationToken ct)
    {
        var (speaker, meeting) = await Load(request.MeetingId, request.SpeakerId, withMeetingDetails: true, ct);
        var now = clock.GetUtcNow();
        speaker.Confirm(meeting, now);
        if (request.Body?.AddToAgenda ?? true)
        {
            meeting.AddAgendaItem(
                new AgendaItemInput(speaker.TalkTitle, speaker.Abstract, speaker.RequestedMinutes, AgendaItemKind.Talk),
                new Presenter(PresenterKind.Speaker, speaker.Id, speaker.Name),
                request.Body?.Position);
        }

        meeting.InviteSpeaker(speaker, now);
        await db.SaveChangesAsync(ct);
        return SpeakerResponse.From(speaker);
    }

    public async Task<SpeakerResponse> Handle(RejectSpeaker request, CancellationToken ct)
    {
        var (speaker, meeting) = await Load(request.MeetingId, request.SpeakerId, withMeetingDetails: false, ct);
        speaker.Reject(meeting, request.Body?.Reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return SpeakerResponse.From(speaker);
    }

    /// <summary>Withdraws: a confirmed speaker's agenda items go and the invitation is withdrawn.</summary>
    public async Task<Unit> Handle(WithdrawSpeaker request, CancellationToken ct)
    {
        var (speaker, meeting) = await Load(request.MeetingId, request.SpeakerId, withMeetingDetails: true, ct);
        var now = clock.GetUtcNow();
        if (speaker.Withdraw(meeting, now))
        {
            meeting.DropSpeaker(speaker.Id, now);
        }

        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    private async Task<(Speaker Speaker, Meeting Meeting)> Load(Guid meetingId, Guid speakerId, bool withMeetingDetails, CancellationToken ct)
    {
        var speaker = await db.Speakers.SingleOrDefaultAsync(
            s => s.Id == speakerId && s.MeetingId == meetingId && (caller.IsAdmin || s.CityId == caller.CityId), ct)
            ?? throw new NotFoundException("Speaker", speakerId);
        IQueryable<Meeting> meetings = withMeetingDetails
            ? db.Meetings.Include(m => m.Agenda).Include(m => m.Invitations.Where(i => i.SpeakerId == speakerId))
            : db.Meetings;
        return (speaker, await meetings.SingleAsync(m => m.Id == meetingId, ct));
    }

    private async Task EnsureUniqueEmail(Speaker speaker, CancellationToken ct)
    {
        if (await db.Speakers.AnyAsync(
                s => s.MeetingId == speaker.MeetingId && s.Id != speaker.Id && s.Email == speaker.Email
                     && (s.Status == SpeakerStatus.Proposed || s.Status == SpeakerStatus.Confirmed), ct))
        {
            throw new DomainException($"{speaker.Email} is already proposed as a speaker for this meeting.");
        }
    }
}
