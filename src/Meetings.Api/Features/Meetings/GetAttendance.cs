using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Meetings;

/// <summary>Counts per answer and who comes (a delegate comes for the department).</summary>
public sealed record GetAttendance(Guid MeetingId) : IRequest<AttendanceResponse>;

internal sealed class GetAttendanceHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<GetAttendance, AttendanceResponse>
{
    public async Task<AttendanceResponse> Handle(GetAttendance request, CancellationToken ct)
    {
        var meeting = await caller.MaySee(db.Meetings.AsNoTracking()).SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
            ?? throw new NotFoundException("Meeting", request.MeetingId);
        var open = await db.Invitations.AsNoTracking()
            .Where(i => i.MeetingId == request.MeetingId && i.WithdrawnAt == null)
            .OrderBy(i => i.Recipient.Name)
            .ToListAsync(ct);
        var counts = AttendanceCounts.Of([.. open.Select(i => i.Status)]);
        var coming = open
            .Where(i => i.Status is AnswerStatus.Accepted or AnswerStatus.Delegated)
            .Select(i => new AttendeeResponse(
                i.Id, i.Kind, i.DepartmentId, i.MailRecipient.Name, i.MailRecipient.Email, i.Status,
                i.Status == AnswerStatus.Delegated ? PersonResponse.From(i.Recipient) : null))
            .ToList();
        int? attended = meeting.Status == MeetingStatus.Completed ? open.Count(i => i.Attended == true) : null;
        return new AttendanceResponse(meeting.Id, open.Count, counts, coming, attended);
    }
}
