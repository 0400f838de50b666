using MediatR;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Rsvp;

/// <summary>
/// The personal invitation behind an RSVP token: the invitee's link, or the delegate's own (which shows the invitation
/// but does not answer it). An unknown token is a 404 that reveals nothing.
/// </summary>
public sealed record GetByToken(string Token) : IRequest<RsvpView>;

internal sealed class GetByTokenHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<GetByToken, RsvpView>
{
    public async Task<RsvpView> Handle(GetByToken request, CancellationToken ct)
    {
        var token = RsvpTokens.Checked(request.Token);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.RsvpToken == token || i.DelegateToken == token, ct)
            ?? throw NotFoundException.Invitation();
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.AgendaItems).SingleAsync(m => m.Id == invitation.MeetingId, ct);
        return RsvpView.From(invitation, meeting, clock.GetUtcNow(), forDelegate: invitation.RsvpToken != token);
    }
}

/// <summary>Tokens as they come in a path: too short or too long ones are unknown without asking the database.</summary>
internal static class RsvpTokens
{
    public static string Checked(string token) =>
        token.Length is > 0 and <= Domain.Meetings.Invitation.TokenMaxLength ? token : throw NotFoundException.Invitation();

    /// <summary>
    /// Why an answer by a token that answers no invitation was refused: a delegate's own link shows the invitation but
    /// does not answer it (403, so that a delegate cannot change the department's answer or pass the invitation on);
    /// any other token stays unknown (404).
    /// </summary>
    public static async Task<Exception> WhyNoAnswer(MeetingsDbContext db, string token, NotFoundException unknown, CancellationToken ct) =>
        await db.Invitations.AnyAsync(i => i.DelegateToken == token, ct)
            ? new Common.ForbiddenException("This is a delegate's link: it shows the invitation, but the answer is the invitee's. Ask them, or the office, to change it.")
            : unknown;
}
