using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Domain.Polls;
using Meetings.Domain.Results;
using Meetings.Domain.Topics;
using Meetings.Infrastructure.Documents;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Infrastructure.Mail.Dispatch;

/// <summary>
/// What the rows of one dispatch batch are about, loaded once per batch (meetings with their agenda, invitations,
/// speakers, series, partner cities, who was told of a meeting), as each row's <see cref="DeliveryFacts"/>.
/// </summary>
internal sealed class DeliveryFactsLoader
{
    private readonly Dictionary<Guid, Meeting> _meetings;
    private readonly Dictionary<Guid, Invitation> _invitations;
    private readonly Dictionary<Guid, Speaker> _speakers;
    private readonly Dictionary<Guid, Series> _series;
    private readonly Dictionary<Guid, string> _cities;
    private readonly ILookup<Guid, (DateTimeOffset StartsAt, MeetingStatus Status)> _seriesMeetings;
    private readonly HashSet<(Guid InvitationId, string Email)> _informed;
    private readonly ILookup<Guid, Speaker> _guests;
    private readonly Dictionary<Guid, MinutesView> _minutes = [];
    private Dictionary<Guid, MeetingTask> _tasks = [];
    private readonly Dictionary<Guid, List<MeetingTask>> _carriedOver = [];
    private Dictionary<string, string> _feeds = [];
    private ILookup<Guid, ListedDocument> _documents = Array.Empty<ListedDocument>().ToLookup(d => d.MeetingId);
    private Dictionary<Guid, DatePoll> _polls = [];
    private TopicRows _topics = TopicRows.None;
    private ILookup<Guid?, Delivery> _bounced = Array.Empty<Delivery>().ToLookup(d => d.MeetingId);

    private DeliveryFactsLoader(
        Dictionary<Guid, Meeting> meetings, Dictionary<Guid, Invitation> invitations, Dictionary<Guid, Speaker> speakers,
        Dictionary<Guid, Series> series, Dictionary<Guid, string> cities, ILookup<Guid, (DateTimeOffset, MeetingStatus)> seriesMeetings,
        HashSet<(Guid, string)> informed, ILookup<Guid, Speaker> guests)
    {
        (_meetings, _invitations, _speakers, _series, _cities, _seriesMeetings, _informed, _guests) =
            (meetings, invitations, speakers, series, cities, seriesMeetings, informed, guests);
    }

    public static async Task<DeliveryFactsLoader> LoadAsync(MeetingsDbContext db, IReadOnlyCollection<Delivery> rows, CancellationToken ct)
    {
        var meetingIds = rows.Select(r => r.MeetingId).OfType<Guid>().Distinct().ToList();
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.AgendaItems).Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var invitationIds = rows.Select(r => r.InvitationId).OfType<Guid>().Distinct().ToList();
        var invitations = await db.Invitations.AsNoTracking().Where(i => invitationIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var speakerIds = rows.Select(r => r.SpeakerId).OfType<Guid>().Distinct().ToList();
        var speakers = await db.Speakers.AsNoTracking().Where(s => speakerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var cityIds = speakers.Values.Select(s => s.CityId).Distinct().ToList();
        var cities = await db.Cities.AsNoTracking().Where(c => cityIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var alertSeries = rows.Select(r => r.SeriesId).OfType<Guid>().Distinct().ToList();
        var seriesIds = meetings.Values.Select(m => m.SeriesId).Concat(alertSeries).Distinct().ToList();
        var series = await db.Series.AsNoTracking().Where(s => seriesIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var seriesMeetings = alertSeries.Count == 0
            ? Array.Empty<(Guid, DateTimeOffset, MeetingStatus)>().ToLookup(m => m.Item1, m => (m.Item2, m.Item3))
            : (await db.Meetings.AsNoTracking().Where(m => alertSeries.Contains(m.SeriesId))
                .Select(m => new { m.SeriesId, m.StartsAt, m.Status }).ToListAsync(ct))
                .ToLookup(m => m.SeriesId, m => (m.StartsAt, m.Status));
        // A cancellation only goes to someone who was told of the meeting (invitation or update sent, or being
        // sent by another worker right now: better a cancellation too many than a calendar entry left behind).
        var cancelled = rows.Where(r => r.Kind == DeliveryKind.Cancellation).Select(r => r.InvitationId).OfType<Guid>().Distinct().ToList();
        var informed = cancelled.Count == 0
            ? []
            : (await db.Deliveries.AsNoTracking()
                .Where(d => d.InvitationId != null && cancelled.Contains(d.InvitationId.Value) && (d.Status == DeliveryStatus.Sent || d.Status == DeliveryStatus.Sending)
                            && (d.Kind == DeliveryKind.Invitation || d.Kind == DeliveryKind.Update))
                .Select(d => new { d.InvitationId, d.RecipientEmail }).ToListAsync(ct))
                .Select(d => (d.InvitationId!.Value, d.RecipientEmail)).ToHashSet();
        var guests = (await db.Speakers.AsNoTracking().Where(s => meetingIds.Contains(s.MeetingId) && s.Status == SpeakerStatus.Confirmed)
            .OrderBy(s => s.CreatedAt).ToListAsync(ct)).ToLookup(s => s.MeetingId);
        var loader = new DeliveryFactsLoader(meetings, invitations, speakers, series, cities, seriesMeetings, informed, guests);
        await loader.LoadResultsAsync(db, rows, ct);
        await loader.LoadFeedsAsync(db, rows, ct);
        await loader.LoadDocumentsAsync(db, rows, ct);
        await loader.LoadPollsAsync(db, rows, ct);
        loader._topics = await TopicRows.LoadAsync(db, rows, ct);
        var alerted = rows.Where(r => r.Kind == DeliveryKind.BounceAlert).Select(r => r.MeetingId).Distinct().ToList();
        if (alerted.Count > 0)
        {
            loader._bounced = (await db.Deliveries.AsNoTracking().Where(d => alerted.Contains(d.MeetingId) && d.Status == DeliveryStatus.Bounced)
                .OrderBy(d => d.SentAt).ToListAsync(ct)).ToLookup(d => d.MeetingId);
        }

        return loader;
    }

    /// <summary>The minutes and tasks of the results mails, and the open tasks an invitation to a department's head lists.</summary>
    private async Task LoadResultsAsync(MeetingsDbContext db, IReadOnlyCollection<Delivery> rows, CancellationToken ct)
    {
        foreach (var meetingId in rows.Where(r => r.Kind is DeliveryKind.Minutes or DeliveryKind.TaskAssigned).Select(r => r.MeetingId).OfType<Guid>().Distinct())
        {
            if (await ResultsQueries.MinutesViewAsync(db, meetingId, ct) is { } view)
            {
                _minutes[meetingId] = view;
            }
        }

        var taskIds = rows.Select(r => r.TaskId).OfType<Guid>().Distinct().ToList();
        if (taskIds.Count > 0)
        {
            _tasks = await db.Tasks.AsNoTracking().Include(t => t.History).Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        }

        var invited = rows.Where(r => r.Kind == DeliveryKind.Invitation && r.InvitationId is { } id && _invitations.GetValueOrDefault(id)?.DepartmentId is not null)
            .Select(r => r.MeetingId).OfType<Guid>().Distinct();
        foreach (var meetingId in invited)
        {
            if (_meetings.GetValueOrDefault(meetingId) is { } meeting)
            {
                _carriedOver[meetingId] = await ResultsQueries.CarriedOverAsync(db, meeting, null, ct);
            }
        }
    }

    /// <summary>The personal feeds of the invitations' recipients ("Alle Termine abonnieren"): a person of the directory has one.</summary>
    private async Task LoadFeedsAsync(MeetingsDbContext db, IReadOnlyCollection<Delivery> rows, CancellationToken ct)
    {
        var recipients = rows.Where(r => r.Kind == DeliveryKind.Invitation).Select(r => r.RecipientEmail).Distinct().ToList();
        if (recipients.Count > 0)
        {
            _feeds = (await db.Feeds.AsNoTracking()
                    .Where(f => f.Kind == Domain.Feeds.FeedKind.Person && f.RevokedAt == null && recipients.Contains(f.PersonEmail!))
                    .Select(f => new { f.PersonEmail, f.Token, f.CreatedAt }).ToListAsync(ct))
                .OrderBy(f => f.CreatedAt).DistinctBy(f => f.PersonEmail).ToDictionary(f => f.PersonEmail!, f => f.Token, StringComparer.Ordinal);
        }
    }

    /// <summary>The mails that list the meeting's documents with links through the recipient's personal link (no attachments).</summary>
    private static bool ListsDocuments(Delivery row) => row.Kind is DeliveryKind.Invitation or DeliveryKind.Update or DeliveryKind.Reminder;

    /// <summary>The documents of audience invitees of the meetings whose invitation, update or reminder mails are in the batch: one query.</summary>
    private async Task LoadDocumentsAsync(MeetingsDbContext db, IReadOnlyCollection<Delivery> rows, CancellationToken ct)
    {
        var meetingIds = rows.Where(ListsDocuments).Select(r => r.MeetingId).OfType<Guid>().Distinct().ToList();
        if (meetingIds.Count > 0)
        {
            _documents = (await DocumentListing.ForLinkHoldersAsync(db, meetingIds, ct)).ToLookup(d => d.MeetingId);
        }
    }

    /// <summary>The documents an invitation, update or reminder lists, in agenda order; empty for any other mail.</summary>
    public IReadOnlyList<ListedDocument> DocumentsOf(Delivery row) =>
        ListsDocuments(row) && row.MeetingId is { } id ? _documents[id].ToList() : [];

    /// <summary>The personal feed token of the row's recipient, for an invitation; null for anyone else (a speaker, an outside delegate).</summary>
    public string? FeedTokenOf(Delivery row) => row.Kind == DeliveryKind.Invitation ? _feeds.GetValueOrDefault(row.RecipientEmail) : null;
    /// <summary>The polls of the poll mails (date-poll, poll-nudge, date-chosen), with their slots and ballots.</summary>
    private async Task LoadPollsAsync(MeetingsDbContext db, IReadOnlyCollection<Delivery> rows, CancellationToken ct)
    {
        var meetingIds = rows.Where(r => MailPlans.Owns<DatePollMail>(r.Kind))
            .Select(r => r.MeetingId).OfType<Guid>().Distinct().ToList();
        if (meetingIds.Count > 0)
        {
            _polls = await db.Polls.AsNoTracking().AsSplitQuery().Include(p => p.Slots).Include(p => p.Ballots)
                .Where(p => meetingIds.Contains(p.MeetingId)).ToDictionaryAsync(p => p.MeetingId, ct);
        }
    }

    /// <summary>The poll of a poll mail's meeting, if the row is one.</summary>
    public DatePoll? PollOf(Delivery row) =>
        MailPlans.Owns<DatePollMail>(row.Kind) && row.MeetingId is { } id ? _polls.GetValueOrDefault(id) : null;

    private (MinutesView? Minutes, IReadOnlyList<MeetingTask>? Tasks) ResultsFor(Delivery row, Invitation? invitation)
    {
        var minutes = row.MeetingId is { } meetingId ? _minutes.GetValueOrDefault(meetingId) : null;
        return row.Occasion switch
        {
            Occasion.TasksAssignedOccasion a => (minutes, minutes?.Tasks.Values
                .Where(t => t.DepartmentId == row.DepartmentId && t.AnnouncedInEdition == a.Edition).OrderBy(t => t.DueOn).ToList()),
            Occasion.TaskDateOccasion d => (null, _tasks.GetValueOrDefault(d.TaskId) is { } task ? [task] : []),
            _ when row.Kind == DeliveryKind.Invitation && invitation?.DepartmentId is { } department && row.MeetingId is { } id
                => (null, _carriedOver.GetValueOrDefault(id)?.Where(t => t.DepartmentId == department).ToList()),
            _ => (minutes, null),
        };
    }

    public DeliveryFacts For(Delivery row)
    {
        var meeting = row.MeetingId is { } meetingId ? _meetings.GetValueOrDefault(meetingId) : null;
        var seriesId = row.SeriesId ?? meeting?.SeriesId;
        var invitation = row.InvitationId is { } invitationId ? _invitations.GetValueOrDefault(invitationId) : null;
        var (minutes, tasks) = ResultsFor(row, invitation);
        return new DeliveryFacts(
            meeting,
            invitation,
            row.SpeakerId is { } speakerId ? _speakers.GetValueOrDefault(speakerId) : null,
            seriesId is { } id ? _series.GetValueOrDefault(id) : null,
            row.SeriesId is { } alerted ? _seriesMeetings[alerted].ToList() : [],
            row.InvitationId is { } invited && _informed.Contains((invited, row.RecipientEmail)),
            PollOf(row) is { } poll ? new PollFacts(poll)
            : MailPlans.Owns<TopicMail>(row.Kind) ? _topics.For(row, meeting)
            : row.Kind == DeliveryKind.BounceAlert ? new BouncedMails(_bounced[row.MeetingId].ToList())
            : minutes is null && tasks is null ? null : new ResultsFacts(minutes, tasks ?? []));
    }

    /// <summary>The confirmed guest speakers of a meeting, in the order they were proposed.</summary>
    public IReadOnlyList<Speaker> GuestsOf(Meeting? meeting) => meeting is null ? [] : _guests[meeting.Id].ToList();

    /// <summary>The partner city of a speaker mail, by name.</summary>
    public string? CityNameOf(Speaker? speaker) => speaker is null ? null : _cities.GetValueOrDefault(speaker.CityId);
}
