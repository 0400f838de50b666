using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Meetings;

/// <summary>A meeting's invitations, a page at a time: all for admins, only its own department's for a department key.</summary>
public sealed record ListInvitations(Guid MeetingId, PageRequest Page) : IRequest<Page<InvitationResponse>>;

internal sealed class ListInvitationsHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<ListInvitations, Page<InvitationResponse>>
{
    public async Task<Page<InvitationResponse>> Handle(ListInvitations request, CancellationToken ct)
    {
        if (!await caller.MaySee(db.Meetings).AnyAsync(m => m.Id == request.MeetingId, ct))
        {
            throw new NotFoundException("Meeting", request.MeetingId);
        }

        var query = db.Invitations.AsNoTracking().Where(i => i.MeetingId == request.MeetingId);
        if (caller.DepartmentScope is { } department)
        {
            query = query.Where(i => i.Kind == InvitationKind.Department && i.DepartmentId == department);
        }

        var total = await query.CountAsync(ct);
        var page = await query.OrderBy(i => i.Kind).ThenBy(i => i.Recipient.Name).ThenBy(i => i.Id)
            .Skip(request.Page.Skip).Take(request.Page.Take).ToListAsync(ct);
        // The latest entries of these invitations' histories by their own key, not by Include (which reads the whole table).
        var history = await InvitationHistoryQueries.LatestAsync(db, [.. page.Select(i => i.Id)], Invitation.HistoryShown, ct);
        var items = page.Select(i => i.Snapshot(history[i.Id])).ToList();
        return new Page<InvitationResponse>(items.Select(i => InvitationResponse.From(i)).ToList(), total);
    }
}
