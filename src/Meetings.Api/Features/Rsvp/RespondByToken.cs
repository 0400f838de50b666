using MediatR;
using Meetings.Api.Common;
using Meetings.Api.Features.Agenda;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Rsvp;

/// <summary>The personal invitation behind an RSVP token. An unknown token is a 404 that reveals nothing.</summary>
public sealed record GetByToken(string Token) : IRequest<RsvpView>;

/// <summary>An answer through the personal link (via <c>token</c>).</summary>
public sealed record RespondByToken(string Token, RsvpBody Body) : IRequest<RsvpView>;

internal sealed class TokenHandlers(MeetingsDbContext db, AnswerRecorder answers, TimeProvider clock)
    : IRequestHandler<GetByToken, RsvpView>, IRequestHandler<RespondByToken, RsvpView>
{
    private const int MaxTokenLength = 64;

    public async Task<RsvpView> Handle(GetByToken request, CancellationToken ct)
    {
        var token = Checked(request.Token);
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.RsvpToken == token, ct) ?? throw Unknown();
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Agenda).SingleAsync(m => m.Id == invitation.MeetingId, ct);
        return View(invitation, meeting);
    }

    public async Task<RsvpView> Handle(RespondByToken request, CancellationToken ct)
    {
        var token = Checked(request.Token);
        return await answers.RecordAsync(
            q => q.Where(i => i.RsvpToken == token), _ => request.Body.ToAnswer(), View, RsvpChannel.Token, "personal link", withAgenda: true);
    }

    private RsvpView View(Invitation invitation, Meeting meeting)
    {
        var now = clock.GetUtcNow();
        var open = invitation.IsOpen && meeting.Status == MeetingStatus.Published && meeting.StartsAt > now
                   && (meeting.RsvpDeadline is null || meeting.RsvpDeadline > now);
        return new RsvpView(RsvpInvitation.From(invitation), RsvpMeeting.From(meeting), AgendaResponse.From(meeting).Items, open);
    }

    private static string Checked(string token) =>
        token.Length is > 0 and <= MaxTokenLength ? token : throw Unknown();

    private static NotFoundException Unknown() => NotFoundException.Invitation();
}
