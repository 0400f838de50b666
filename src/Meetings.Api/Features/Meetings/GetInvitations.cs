using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Api.Features.Departments;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Meetings;

/// <summary>A meeting's invitations: all for admins, only its own department's for a department key.</summary>
public sealed record ListInvitations(Guid MeetingId) : IRequest<Page<InvitationResponse>>;

/// <summary>Counts per answer and who comes.</summary>
public sealed record GetAttendance(Guid MeetingId) : IRequest<AttendanceResponse>;

internal sealed class InvitationQueries(MeetingsDbContext db, Caller caller)
    : IRequestHandler<ListInvitations, Page<InvitationResponse>>, IRequestHandler<GetAttendance, AttendanceResponse>
{
    public async Task<Page<InvitationResponse>> Handle(ListInvitations request, CancellationToken ct)
    {
        await EnsureVisible(request.MeetingId, ct);
        var query = db.Invitations.AsNoTracking().Include(i => i.History.OrderBy(h => h.Id)).Where(i => i.MeetingId == request.MeetingId);
        if (!caller.IsAdmin)
        {
            query = query.Where(i => i.Kind == InvitationKind.Department && i.DepartmentId == caller.DepartmentId);
        }

        var items = await query.OrderBy(i => i.Kind).ThenBy(i => i.Recipient.Name).AsSplitQuery().ToListAsync(ct);
        return new Page<InvitationResponse>(items.Select(i => InvitationResponse.From(i, caller.IsAdmin)).ToList(), items.Count);
    }

    public async Task<AttendanceResponse> Handle(GetAttendance request, CancellationToken ct)
    {
        var meeting = await EnsureVisible(request.MeetingId, ct);
        var open = await db.Invitations.AsNoTracking()
            .Where(i => i.MeetingId == request.MeetingId && i.WithdrawnAt == null)
            .OrderBy(i => i.Recipient.Name)
            .ToListAsync(ct);
        var counts = Enum.GetValues<RsvpStatus>().ToDictionary(
            s => StrictEnumConverterFactory.NameOf(s), s => open.Count(i => i.Status == s));
        var coming = open
            .Where(i => i.Status is RsvpStatus.Accepted or RsvpStatus.Delegated)
            .Select(i => new AttendeeResponse(
                i.Id, i.Kind, i.DepartmentId, i.MailRecipient.Name, i.MailRecipient.Email, i.Status,
                i.Status == RsvpStatus.Delegated ? PersonResponse.From(i.Recipient) : null))
            .ToList();
        int? attended = meeting.Status == MeetingStatus.Completed ? open.Count(i => i.Attended == true) : null;
        return new AttendanceResponse(meeting.Id, open.Count, counts, coming, attended);
    }

    private async Task<Meeting> EnsureVisible(Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        return meeting is null || (meeting.Status == MeetingStatus.Draft && !caller.IsAdmin)
            ? throw new NotFoundException("Meeting", meetingId)
            : meeting;
    }
}
