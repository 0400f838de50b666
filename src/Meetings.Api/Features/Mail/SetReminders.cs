using MediatR;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Mail;

/// <summary>Replaces the reminder plan; a published meeting's reminders are planned anew (obsolete ones are skipped).</summary>
public sealed record SetReminders(Guid MeetingId, RemindersBody Body) : IRequest<RemindersResponse>;

internal sealed class SetRemindersHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<SetReminders, RemindersResponse>
{
    public async Task<RemindersResponse> Handle(SetReminders request, CancellationToken ct)
    {
        var plan = ReminderPlan.Parse(request.Body.Offsets, request.Body.RsvpNudge);
        var meeting = await db.Meetings.Include(m => m.Invitations).SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
            ?? throw new NotFoundException("Meeting", request.MeetingId);
        meeting.SetReminders(plan, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return RemindersResponse.From(meeting.Reminders);
    }
}
