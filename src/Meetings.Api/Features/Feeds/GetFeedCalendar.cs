using System.Security.Cryptography;
using System.Text;
using MediatR;
using Meetings.Domain.Common;
using Meetings.Domain.Feeds;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Calendar;
using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Features.Feeds;

/// <summary>
/// A subscription by its token, no key: a person's own meetings (invited or delegated to), a department's or a
/// series' (published and cancelled ones from 12 months back, never drafts), as METHOD:PUBLISH with the house's
/// VEVENTs (<see cref="CalendarWriter.Feed"/>). Unknown, revoked, or a person's who is no person of the directory any
/// more: 404, in the same words.
/// </summary>
public sealed record GetFeedCalendar(string Token) : IRequest<FeedCalendar>;

/// <summary>The feed and its entity tag (a hash of the content without DTSTAMP, which is the moment of the request).</summary>
public sealed record FeedCalendar(string Body, string ETag);

internal sealed class GetFeedCalendarHandler(MeetingsDbContext db, IOptions<MailOptions> mail, TimeProvider clock) : IRequestHandler<GetFeedCalendar, FeedCalendar>
{
    public async Task<FeedCalendar> Handle(GetFeedCalendar request, CancellationToken ct)
    {
        if (!Invitation.MayBeToken(request.Token))
        {
            throw Unknown();
        }

        var feed = await db.Feeds.AsNoTracking().SingleOrDefaultAsync(f => f.Token == request.Token && f.RevokedAt == null, ct) ?? throw Unknown();
        var now = clock.GetUtcNow();
        var from = Feed.ShowsFrom(now);
        var (name, meetingIds) = feed.Kind switch
        {
            FeedKind.Person => await PersonsAsync(feed.PersonEmail!, ct),
            FeedKind.Department => await DepartmentsAsync(feed.RefId!.Value, ct),
            _ => await SeriesAsync(feed.RefId!.Value, ct),
        };
        var meetings = (await db.Meetings.AsNoTracking().Include(m => m.AgendaItems)
                .Where(m => meetingIds.Contains(m.Id) && m.StartsAt >= from).Where(Meeting.VisibleBeyondOffice).ToListAsync(ct)) // FeedHolders.Shows(meeting, now), in the query
            .OrderBy(m => m.StartsAt).ThenBy(m => m.Id).ToList();
        var seriesIds = meetings.Select(m => m.SeriesId).Distinct().ToList();
        var series = await db.Series.AsNoTracking().Where(s => seriesIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var body = CalendarWriter.Feed(
            meetings.Select(m => new CalendarEntry(m, series[m.SeriesId].Name, CalendarOrganizer.Of(series[m.SeriesId], mail.Value.Organizer))), name, now);
        return new FeedCalendar(body, ETagOf(body));
    }

    /// <summary>The same words whatever was asked (an unknown, revoked or rotated token), so nothing leaks.</summary>
    private static NotFoundException Unknown() => new("The feed was not found.");

    private async Task<(string Name, List<Guid> Meetings)> PersonsAsync(string email, CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking().Where(d => d.Active && (d.Head.Email == email || d.Deputy!.Email == email)).ToListAsync(ct);
        var hosted = await db.Series.AsNoTracking().Where(s => s.Hosts.Any(h => h.Email == email)).ToListAsync(ct);
        var person = FeedHolders.PersonOf(email, departments, hosted)
            ?? throw Unknown(); // rotated away: revoked by the change that replaced them (PersonFeeds), and checked here again
        var invitations = await db.Invitations.AsNoTracking()
            .Where(i => i.WithdrawnAt == null && (i.Recipient.Email == email || i.Delegate!.Email == email)).ToListAsync(ct);
        return ($"Termine {person.Name}", invitations.Where(i => FeedHolders.Shows(i, email)).Select(i => i.MeetingId).Distinct().ToList());
    }

    private async Task<(string Name, List<Guid> Meetings)> DepartmentsAsync(Guid departmentId, CancellationToken ct)
    {
        var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == departmentId, ct) ?? throw Unknown();
        var meetings = await db.Invitations.AsNoTracking().Where(i => i.DepartmentId == departmentId && i.WithdrawnAt == null)
            .Select(i => i.MeetingId).Distinct().ToListAsync(ct);
        return ($"Termine {department.Name}", meetings);
    }

    private async Task<(string Name, List<Guid> Meetings)> SeriesAsync(Guid seriesId, CancellationToken ct)
    {
        var series = await db.Series.AsNoTracking().SingleOrDefaultAsync(s => s.Id == seriesId, ct) ?? throw Unknown();
        return (series.Name, await db.Meetings.AsNoTracking().Where(m => m.SeriesId == seriesId).Select(m => m.Id).ToListAsync(ct));
    }

    /// <summary>A strong tag of what the feed says: the file without its DTSTAMP lines (the moment of writing, not a change).</summary>
    private static string ETagOf(string body)
    {
        var content = string.Join("\r\n", body.Split("\r\n").Where(l => !l.StartsWith("DTSTAMP", StringComparison.Ordinal)));
        return $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..32]}\"";
    }
}
