using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Calendar;
using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Features.Calendar;

/// <summary>A meeting as an RFC 5545 file (METHOD:PUBLISH). Drafts exist for admins only.</summary>
public sealed record GetMeetingCalendar(Guid MeetingId) : IRequest<string>;

internal sealed class GetMeetingCalendarHandler(MeetingsDbContext db, Caller caller, TimeProvider clock, IOptions<MailOptions> mail)
    : IRequestHandler<GetMeetingCalendar, string>
{
    public async Task<string> Handle(GetMeetingCalendar request, CancellationToken ct)
    {
        var meeting = await caller.MaySee(db.Meetings.AsNoTracking().Include(m => m.AgendaItems)).SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
            ?? throw new NotFoundException("Meeting", request.MeetingId);
        var series = await db.Series.AsNoTracking().Where(s => s.Id == meeting.SeriesId).Select(s => s.Name).SingleAsync(ct);
        return CalendarWriter.Publish([new CalendarEntry(meeting, series)], mail.Value.OrganizerAddress, clock.GetUtcNow());
    }
}
