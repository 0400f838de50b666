using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Meetings;

/// <summary>
/// The whole history of an invitation's answer, oldest first, a page at a time (an invitation itself shows the latest 20).
/// Admins; a department key for its own department's invitation (another's is a 404).
/// </summary>
public sealed record ListInvitationHistory(Guid MeetingId, Guid InvitationId, PageRequest Page) : IRequest<Page<HistoryResponse>>;

internal sealed class ListInvitationHistoryHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<ListInvitationHistory, Page<HistoryResponse>>
{
    public async Task<Page<HistoryResponse>> Handle(ListInvitationHistory request, CancellationToken ct)
    {
        var invitations = db.Invitations.AsNoTracking().Where(i => i.Id == request.InvitationId && i.MeetingId == request.MeetingId);
        if (caller.DepartmentScope is { } department)
        {
            invitations = invitations.Where(i => i.Kind == InvitationKind.Department && i.DepartmentId == department);
        }

        if (!await caller.MaySee(db.Meetings).AnyAsync(m => m.Id == request.MeetingId, ct))
        {
            throw new NotFoundException("Meeting", request.MeetingId);
        }

        var total = await invitations.Select(i => (int?)i.History.Count()).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Invitation", request.InvitationId);
        var entries = await invitations.SelectMany(i => i.History).OrderBy(h => h.Id)
            .Skip(request.Page.Skip).Take(request.Page.Take).ToListAsync(ct);
        return new Page<HistoryResponse>(entries.Select(HistoryResponse.From).ToList(), total);
    }
}
