using Meetings.Api.Features.Agenda;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Mail;

/// <summary>
/// What the rows of one dispatch batch are about, loaded once per batch (meetings with their agenda,
/// invitations, speakers, series, partner cities), and the one judgement made right before sending: is
/// this row still to go out, on the state as it is now?
/// </summary>
internal sealed class MailContents
{
    private readonly Dictionary<Guid, Meeting> _meetings;
    private readonly Dictionary<Guid, Invitation> _invitations;
    private readonly Dictionary<Guid, Speaker> _speakers;
    private readonly Dictionary<Guid, Domain.Meetings.Series> _series;
    private readonly Dictionary<Guid, string> _cities;
    private readonly ILookup<Guid, (DateTimeOffset StartsAt, MeetingStatus Status)> _seriesMeetings;
    private readonly HashSet<(Guid InvitationId, string Email)> _informed;

    private MailContents(
        Dictionary<Guid, Meeting> meetings, Dictionary<Guid, Invitation> invitations, Dictionary<Guid, Speaker> speakers,
        Dictionary<Guid, Domain.Meetings.Series> series, Dictionary<Guid, string> cities, ILookup<Guid, (DateTimeOffset, MeetingStatus)> seriesMeetings,
        HashSet<(Guid, string)> informed)
    {
        (_meetings, _invitations, _speakers, _series, _cities, _seriesMeetings, _informed) = (meetings, invitations, speakers, series, cities, seriesMeetings, informed);
    }

    public static async Task<MailContents> LoadAsync(MeetingsDbContext db, IReadOnlyCollection<Delivery> rows, CancellationToken ct)
    {
        var meetingIds = rows.Select(r => r.MeetingId).OfType<Guid>().Distinct().ToList();
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.Agenda).Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
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
        return new MailContents(meetings, invitations, speakers, series, cities, seriesMeetings, informed);
    }

    /// <summary>The mail to send for <paramref name="row"/>, or why it is not to be sent any more.</summary>
    public (MailContent? Content, string? SkipReason) Judge(Delivery row, DateTimeOffset now)
    {
        if (row.Kind == DeliveryKind.CadenceAlert)
        {
            return JudgeCadence(row, now);
        }

        if (row.MeetingId is not { } meetingId || !_meetings.TryGetValue(meetingId, out var meeting))
        {
            return (null, "the meeting no longer exists");
        }

        var invitation = row.InvitationId is { } iid ? _invitations.GetValueOrDefault(iid) : null;
        var speaker = row.SpeakerId is { } sid ? _speakers.GetValueOrDefault(sid) : null;
        var reason = row.SpeakerId is not null ? WhyNotForSpeaker(row, meeting, speaker, now)
            : row.Kind == DeliveryKind.Cancellation && row.InvitationId is { } cid && !_informed.Contains((cid, row.RecipientEmail))
                ? "the invitation had not gone out"
                : WhyNot(row, meeting, invitation, now);
        if (reason is not null)
        {
            return (null, reason);
        }

        var content = new MailContent(
            row, meeting, invitation, _series.GetValueOrDefault(meeting.SeriesId)?.Name, AgendaResponse.From(meeting).Lines(),
            speaker, speaker is null ? null : _cities.GetValueOrDefault(speaker.CityId));
        return (content, null);
    }

    private (MailContent?, string?) JudgeCadence(Delivery row, DateTimeOffset now)
    {
        if (row.SeriesId is not { } seriesId || !_series.TryGetValue(seriesId, out var series))
        {
            return (null, "the series no longer exists");
        }

        var year = int.Parse(row.Occasion.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);
        var report = Cadence.Report(series, _seriesMeetings[seriesId], year, year, now).Single();
        if (DeliveryPlanner.CadenceOccasion(report.Year, report.Status) != row.Occasion)
        {
            return (null, $"the year is {DeliveryPlanner.LevelName(report.Status)} now");
        }

        return (new MailContent(row, null, null, series.Name, [], Cadence: report), null);
    }

    /// <summary>Mails to invitees: only while the meeting is published and ahead, to the invitation's current recipient.</summary>
    private static string? WhyNot(Delivery row, Meeting meeting, Invitation? invitation, DateTimeOffset now)
    {
        if (row.Kind == DeliveryKind.Cancellation)
        {
            return null;
        }

        if (meeting.Status != MeetingStatus.Published)
        {
            return $"the meeting is {meeting.Status.ToString().ToLowerInvariant()}";
        }

        if (meeting.StartsAt <= now)
        {
            return "the meeting has started";
        }

        if (invitation is not null)
        {
            if (!invitation.IsOpen)
            {
                return "the invitation was withdrawn";
            }

            if (invitation.MailRecipient.Email != row.Recipient.Email)
            {
                return "the invitation now goes to someone else";
            }

            if (row.Kind == DeliveryKind.Reminder && invitation.Status == RsvpStatus.Declined)
            {
                return "the invitee declined";
            }

            if (row.Kind == DeliveryKind.RsvpNudge && invitation.Status != RsvpStatus.Pending)
            {
                return "the invitee has answered";
            }
        }

        return row.Kind is DeliveryKind.Reminder or DeliveryKind.RsvpNudge && !DeliveryPlanner.IsCurrent(meeting, row)
            ? "superseded by a newer plan"
            : null;
    }

    /// <summary>Speaker mails: while the meeting is draft or published and ahead, and the decision still stands.</summary>
    private static string? WhyNotForSpeaker(Delivery row, Meeting meeting, Speaker? speaker, DateTimeOffset now)
    {
        if (speaker is null)
        {
            return "the speaker no longer exists";
        }

        if (meeting.Status is not (MeetingStatus.Draft or MeetingStatus.Published))
        {
            return $"the meeting is {meeting.Status.ToString().ToLowerInvariant()}";
        }

        if (meeting.StartsAt <= now)
        {
            return "the meeting has started";
        }

        var stands = row.Kind switch
        {
            DeliveryKind.SpeakerConfirmed => speaker.Status == SpeakerStatus.Confirmed,
            DeliveryKind.SpeakerRejected => speaker.Status == SpeakerStatus.Rejected,
            _ => speaker.Status == SpeakerStatus.Withdrawn,
        };
        return stands ? null : $"the speaker is {speaker.Status.ToString().ToLowerInvariant()} now";
    }
}
