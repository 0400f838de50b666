using MediatR;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Calendar;
using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Features.Calendar;

/// <summary>Every meeting of a series that is not a draft, as one RFC 5545 file.</summary>
public sealed record GetSeriesCalendar(Guid SeriesId) : IRequest<string>;

internal sealed class GetSeriesCalendarHandler(MeetingsDbContext db, TimeProvider clock, IOptions<MailOptions> mail) : IRequestHandler<GetSeriesCalendar, string>
{
    public async Task<string> Handle(GetSeriesCalendar request, CancellationToken ct)
    {
        var series = await db.Series.AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.SeriesId, ct)
            ?? throw new NotFoundException("Series", request.SeriesId);
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.AgendaItems)
            .Where(m => m.SeriesId == series.Id).Where(Meeting.VisibleBeyondOffice)
            .OrderBy(m => m.StartsAt)
            .ToListAsync(ct);
        return CalendarWriter.Publish(meetings.Select(m => new CalendarEntry(m, series.Name)), mail.Value.OrganizerAddress, clock.GetUtcNow());
    }
}
