using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meetings.Infrastructure.Mail;

/// <summary>
/// Where the addresses the service mails come from (the rule is <see cref="AllowedRecipients"/>): the directory as it
/// is now — heads and deputies, series hosts and organizers, partner cities' contacts — the confirmed speakers, and
/// the domains of <c>Mail:AllowedDomains</c>, or, when that is empty, the domains of the directory's addresses.
/// </summary>
public sealed class AllowedRecipientsSource(IOptions<MailOptions> options)
{
    public async Task<AllowedRecipients> LoadAsync(MeetingsDbContext db, CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking()
            .Select(d => new { Head = d.Head.Email, Deputy = d.Deputy == null ? null : d.Deputy.Email }).ToListAsync(ct);
        var hosts = await db.Series.AsNoTracking().SelectMany(s => s.Hosts.Select(h => h.Email)).ToListAsync(ct);
        var organizers = await db.Series.AsNoTracking().Select(s => s.OrganizerEmail).ToListAsync(ct);
        var contacts = await db.Cities.AsNoTracking().Select(c => c.ContactEmail).ToListAsync(ct);
        var speakers = await db.Speakers.AsNoTracking().Where(s => s.Status == SpeakerStatus.Confirmed).Select(s => s.Email).ToListAsync(ct);

        var directory = departments.SelectMany(d => new[] { d.Head, d.Deputy }).OfType<string>()
            .Concat(hosts).Concat(organizers).Concat(contacts).ToList();
        var configured = options.Value.AllowedDomainList;
        return AllowedRecipients.Of(directory.Concat(speakers), configured.Count > 0 ? configured : AllowedRecipients.DomainsOf(directory));
    }
}
