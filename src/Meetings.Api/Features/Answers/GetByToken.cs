using MediatR;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Answers;

/// <summary>
/// The personal invitation behind an RSVP token: the invitee's link, or the delegate's own (which shows the invitation
/// but does not answer it). An unknown token is a 404 that reveals nothing.
/// </summary>
public sealed record GetByToken(string Token) : IRequest<LinkView>;

internal sealed class GetByTokenHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<GetByToken, LinkView>
{
    public async Task<LinkView> Handle(GetByToken request, CancellationToken ct)
    {
        var token = LinkTokens.Checked(request.Token);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Token == token || i.DelegateToken == token, ct)
            ?? throw NotFoundException.Invitation();
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.AgendaItems).SingleAsync(m => m.Id == invitation.MeetingId, ct);
        return LinkView.From(invitation, meeting, clock.GetUtcNow(), forDelegate: invitation.Token != token);
    }
}
