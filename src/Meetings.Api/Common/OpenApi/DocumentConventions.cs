using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Meetings.Api.Common.OpenApi;

/// <summary>The tags with their descriptions, in the order a newcomer reads them.</summary>
internal sealed class DocumentConventions : IDocumentFilter
{
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Cities", "The host city and the partner cities that send guest speakers (admin)."),
        ("Departments", "The departments whose heads are invited; a department key reads its own (writes: admin)."),
        ("API keys", "Keys for the office and for integrations: admin, department (bound to a department), partner (bound to a partner city)."),
        ("Series", "Meeting series with their hosts, organizer, defaults and the cadence of meetings per year (admin)."),
        ("Meetings", "The lifecycle of a meeting: draft, publish (invites everyone), reschedule, cancel, complete; its invitations and attendance."),
        ("Answers", "Answers to invitations: by department key, by personal link (no key; \"rsvp\" in a path is the personal link: the answer page /rsvp/{token} and its calendar file too), by calendar reply (iTIP REPLY)."),
        ("Agenda", "The agenda items of a meeting with their times computed from its start."),
        ("Speakers", "Guest speakers proposed by partner cities and the office's decision on them."),
        ("Minutes", "The minutes (Ergebnisprotokoll) of a meeting that has started: draft, approve (mailed to everyone), re-open as a corrected version."),
        ("Tasks", "Tasks decided in meetings: the office assigns and follows them up, a department key reports its own department's progress."),
        ("Calendar", "iCalendar files (RFC 5545) of a meeting and of a whole series, to import or subscribe to."),
        ("Mail", "The delivery ledger (every mail the service sends, with its status) and the reminder plan of a meeting (admin)."),
        ("Feedback", "Feedback after a meeting (0–5 stars, talks, a comment): given by attendees through their personal link, read summed up and anonymous by the office, a partner city its own speaker's talk."),
        ("Polls", "Finding a date (Terminabstimmung) before a draft is published: the office opens a poll of 2–8 slots, every active department's head and every series host votes yes, maybe or no by a personal poll link (or a department by its key), the office reads the result and closes it with the date chosen."),
        ("Topics", "Topics from the departments (Themenanmeldung): the office opens a call for topics with a deadline, a department proposes topics by its key or its head by the personal link, the office accepts a topic onto the agenda or declines it."),
        ("Documents", "A meeting's documents (Sitzungsunterlagen): uploaded by the office, by a department for its own topic, by a partner city for its own speaker; type judged by content, versions, downloads with Range and ETag; read by the office, by the keys they concern, by invitees and through the personal link."),
        ("Audit", "Who changed what and when: every change of a resource with its key, personal link, calendar reply or answer page (admin)."),
        (HealthOperations.Tag, "Liveness and readiness for load balancers and orchestrators (no key)."),
    ];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var used = document.Paths.Values
            .Where(p => p.Operations is not null)
            .SelectMany(p => p.Operations!.Values)
            .Where(o => o.Tags is not null)
            .SelectMany(o => o.Tags!)
            .Select(t => t.Name)
            .ToHashSet(StringComparer.Ordinal);
        var unknown = used.Except(Tags.Select(t => t.Name), StringComparer.Ordinal).Order(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(
            Tags.Where(t => used.Contains(t.Name)).Select(t => new OpenApiTag { Name = t.Name, Description = t.Description })
                .Concat(unknown.Select(name => new OpenApiTag { Name = name })));
    }
}
