using MediatR;
using Meetings.Api.Features.Rsvp;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Calendar;
using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Features.AnswerPage;

/// <summary>"In den Kalender": the meeting as an iTIP REQUEST with the invitee behind the link as the one ATTENDEE.</summary>
public sealed record GetPersonalCalendar(string Token) : IRequest<string>;

internal sealed class GetPersonalCalendarHandler(MeetingsDbContext db, IOptions<MailOptions> mail, TimeProvider clock)
    : IRequestHandler<GetPersonalCalendar, string>
{
    public async Task<string> Handle(GetPersonalCalendar request, CancellationToken ct)
    {
        var token = RsvpTokens.Checked(request.Token);
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.RsvpToken == token, ct) ?? throw NotFoundException.Invitation();
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.AgendaItems).SingleAsync(m => m.Id == invitation.MeetingId, ct);
        var seriesName = await db.Series.AsNoTracking().Where(s => s.Id == meeting.SeriesId).Select(s => s.Name).SingleOrDefaultAsync(ct);
        return CalendarWriter.Request(new CalendarEntry(meeting, seriesName), mail.Value.OrganizerAddress, invitation.Recipient, invitation.Status, clock.GetUtcNow());
    }
}
