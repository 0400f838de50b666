using MediatR;
using Meetings.Api.Features.Answers;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Calendar;
using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Features.AnswerPage;

/// <summary>
/// "In den Kalender": the meeting as an iTIP REQUEST with the holder of the link as the one ATTENDEE — the invitee, or
/// the delegate on the delegate's own link (asked, as their invitation mails ask).
/// </summary>
public sealed record GetPersonalCalendar(string Token) : IRequest<string>;

internal sealed class GetPersonalCalendarHandler(MeetingsDbContext db, IOptions<MailOptions> mail, TimeProvider clock)
    : IRequestHandler<GetPersonalCalendar, string>
{
    public async Task<string> Handle(GetPersonalCalendar request, CancellationToken ct)
    {
        var token = LinkTokens.Checked(request.Token);
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.Token == token || i.DelegateToken == token, ct)
            ?? throw NotFoundException.Invitation();
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.AgendaItems).SingleAsync(m => m.Id == invitation.MeetingId, ct);
        var series = await db.Series.AsNoTracking().SingleAsync(s => s.Id == meeting.SeriesId, ct);
        var entry = new CalendarEntry(meeting, series.Name, CalendarOrganizer.Of(series, mail.Value.Organizer));
        return token == invitation.Token
            ? CalendarWriter.Request(entry, invitation.Recipient, invitation.Status, clock.GetUtcNow())
            : CalendarWriter.Request(entry, invitation.Delegate!, null, clock.GetUtcNow());
    }
}
