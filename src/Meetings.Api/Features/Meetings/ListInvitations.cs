using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Meetings;

/// <summary>A meeting's invitations: all for admins, only its own department's for a department key.</summary>
public sealed record ListInvitations(Guid MeetingId) : IRequest<Page<InvitationResponse>>;

internal sealed class ListInvitationsHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<ListInvitations, Page<InvitationResponse>>
{
    public async Task<Page<InvitationResponse>> Handle(ListInvitations request, CancellationToken ct)
    {
        if (!await caller.MaySee(db.Meetings).AnyAsync(m => m.Id == request.MeetingId, ct))
        {
            throw new NotFoundException("Meeting", request.MeetingId);
        }

        var query = db.Invitations.AsNoTracking().Include(i => i.History.OrderBy(h => h.Id)).Where(i => i.MeetingId == request.MeetingId);
        if (caller.DepartmentScope is { } department)
        {
            query = query.Where(i => i.Kind == InvitationKind.Department && i.DepartmentId == department);
        }

        var items = await query.OrderBy(i => i.Kind).ThenBy(i => i.Recipient.Name).AsSplitQuery().ToListAsync(ct);
        return new Page<InvitationResponse>(items.Select(i => InvitationResponse.From(i, caller.IsAdmin)).ToList(), items.Count);
    }
}
