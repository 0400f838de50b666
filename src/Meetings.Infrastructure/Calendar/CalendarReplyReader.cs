using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using IcalCalendar = Ical.Net.Calendar;

namespace Meetings.Infrastructure.Calendar;

/// <summary>Reads an iTIP REPLY (RFC 5546) as calendar programs send it, through Ical.Net.</summary>
public static class CalendarReplyReader
{
    /// <summary>
    /// A REPLY with exactly one VEVENT and one ATTENDEE whose address (and, when it delegates, DELEGATED-TO's) is one
    /// mailbox as <see cref="EmailAddress"/> says; anything else is a <see cref="CalendarFormatException"/>.
    /// </summary>
    public static CalendarReply Read(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new CalendarFormatException("The body contains a NUL character, which iCalendar does not allow (RFC 5545, 3.1).");
        }

        IcalCalendar? calendar;
        try
        {
            calendar = IcalCalendar.Load(text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CalendarFormatException("The body is not an iCalendar object (RFC 5545).");
        }

        if (calendar is null)
        {
            throw new CalendarFormatException("The body is not an iCalendar object (RFC 5545).");
        }

        if (!string.Equals(calendar.Method, "REPLY", StringComparison.OrdinalIgnoreCase))
        {
            throw new CalendarFormatException($"METHOD must be REPLY (RFC 5546), not '{calendar.Method ?? "(none)"}'.");
        }

        if (calendar.Events.Count != 1)
        {
            throw new CalendarFormatException("A reply must contain exactly one VEVENT.");
        }

        var vevent = calendar.Events.Single();
        if (string.IsNullOrWhiteSpace(vevent.Uid))
        {
            throw new CalendarFormatException("The VEVENT has no UID.");
        }

        if (vevent.Attendees.Count != 1)
        {
            throw new CalendarFormatException($"A reply must name exactly one ATTENDEE; this one names {vevent.Attendees.Count}.");
        }

        var attendee = vevent.Attendees[0];
        var email = MailtoOf(attendee.Value) ?? throw new CalendarFormatException("The ATTENDEE is not a mailto: address.");
        if (!EmailAddress.IsValid(email))
        {
            throw new CalendarFormatException("attendee", $"The ATTENDEE's address {EmailAddress.Rule}");
        }

        var partStat = attendee.ParticipationStatus?.Trim();
        if (string.IsNullOrEmpty(partStat))
        {
            throw new CalendarFormatException("The ATTENDEE has no PARTSTAT.");
        }

        var uid = vevent.Uid.Trim();
        var delegatedTo = attendee.DelegatedTo.Select(d => MailtoOf(TryUri(d))).FirstOrDefault(d => d is not null);
        if (delegatedTo is not null && !EmailAddress.IsValid(delegatedTo) && string.Equals(partStat, "DELEGATED", StringComparison.OrdinalIgnoreCase))
        {
            throw new CalendarFormatException("delegate.email", $"The DELEGATED-TO address {EmailAddress.Rule}");
        }

        var name = attendee.CommonName is { } cn ? CalendarText.FromParameterValue(cn) : null; // RFC 6868: ^n is a line break, refused later
        return CalendarReply.Create(
            uid, CalendarUid.MeetingIdOf(uid), vevent.Sequence, EmailAddress.Normalize(email), name, partStat, delegatedTo is null ? null : EmailAddress.Normalize(delegatedTo));
    }

    private static Uri? TryUri(string value) => Uri.TryCreate(value.Trim('"'), UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>The address of a mailto: URI, percent-decoded (RFC 6068), as given: the rule is checked by the caller.</summary>
    private static string? MailtoOf(Uri? uri) =>
        uri is null || !string.Equals(uri.Scheme, "mailto", StringComparison.OrdinalIgnoreCase)
            ? null
            : Uri.UnescapeDataString(uri.OriginalString[(uri.OriginalString.IndexOf(':', StringComparison.Ordinal) + 1)..]).Trim();
}
