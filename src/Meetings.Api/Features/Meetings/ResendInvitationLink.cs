using MediatR;
using Meetings.Api.Features.Mail;
using Meetings.Domain.Common;
using Meetings.Domain.Feedback;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Audit;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Meetings;

/// <summary>
/// The office has an invitation's personal link mailed again to its holder — the invitee, or the delegate with the
/// delegate's own link — through the ledger, one mail per request (<see cref="FeedbackMail.ResendLink"/>: the invitation
/// before the start, the feedback request after the completion). No response carries a link: this is how the office
/// helps someone who lost theirs. Recorded in the audit log as a change of the invitation.
/// </summary>
public sealed record ResendInvitationLink(Guid MeetingId, Guid InvitationId) : IRequest<DeliveryResponse>;

internal sealed class ResendInvitationLinkHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<ResendInvitationLink, DeliveryResponse>
{
    public async Task<DeliveryResponse> Handle(ResendInvitationLink request, CancellationToken ct)
    {
        var meeting = await db.Meetings.Include(m => m.Invitations.Where(i => i.Id == request.InvitationId))
            .SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct) ?? throw new NotFoundException("Meeting", request.MeetingId);
        FeedbackMail.ResendLink(meeting, request.InvitationId, clock.GetUtcNow());
        db.Audit.Note(AuditTrail.ResourceTypeOf(typeof(Invitation)), request.InvitationId);
        await db.SaveChangesAsync(ct); // plans the ledger row (DeliveryPlanning: the plan of InvitationLinkResent in InvitationMail) and wakes the dispatcher on commit
        return DeliveryResponse.From(db.Deliveries.Local.Single(d => d.InvitationId == request.InvitationId && d.Occasion is Occasion.LinkResentOccasion));
    }
}
