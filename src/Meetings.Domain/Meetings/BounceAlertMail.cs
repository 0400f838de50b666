using Meetings.Domain.Mail;

namespace Meetings.Domain.Meetings;

/// <summary>
/// The <c>bounce-alert</c> to the organizer of a meeting's series: a mail of the meeting came back (<c>bounced</c>); one
/// alert per meeting and hour (the occasion), however many came back in that hour: it is due at the end of its hour, so
/// that it lists every bounce of the hour — the meeting's bounced mails as the ledger holds them when it goes out: who,
/// which mail, why. A bounced alert raises none (no loop), nor does a
/// mail of no meeting (a cadence alert).
/// </summary>
public sealed class BounceAlertMail : IMailPlan<DeliveryBounced>, ISendRule<DeliveryFacts>
{
    public IReadOnlyCollection<DeliveryKind> Kinds { get; } = [DeliveryKind.BounceAlert];

    public IEnumerable<Delivery> Plan(DeliveryBounced e, MailParties parties) =>
        e.Row is { MeetingId: { } meetingId, Kind: not DeliveryKind.BounceAlert } && parties.Organizer is { } organizer
            ? [Delivery.ForMeeting(meetingId, null, organizer, DeliveryKind.BounceAlert, Occasion.BounceHour(e.At), EndOfHour(e.At), e.At)]
            : [];

    /// <summary>When the alert of the hour of <paramref name="at"/> is due: the hour's end (UTC), when no bounce of it can come any more.</summary>
    public static DateTimeOffset EndOfHour(DateTimeOffset at) =>
        new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddHours(1);

    public string? WhyNotToSend(Delivery row, DeliveryFacts facts, DateTimeOffset now) =>
        facts.Meeting is null ? "the meeting no longer exists" : null;
}

/// <summary>What a bounce alert lists: the meeting's bounced mails (area facts of the row, <see cref="DeliveryFacts.Area"/>).</summary>
public sealed record BouncedMails(IReadOnlyList<Delivery> Rows);
