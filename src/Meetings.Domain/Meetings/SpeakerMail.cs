using Meetings.Domain.Mail;

namespace Meetings.Domain.Meetings;

/// <summary>
/// The mails about a guest speaker's proposal: <c>speaker-confirmed</c> and <c>speaker-rejected</c> to the speaker and the
/// partner city's contact, <c>speaker-withdrawn</c> to the series' organizer. Send time: while the meeting is draft or
/// published and ahead, and the decision still stands.
/// </summary>
public sealed class SpeakerMail : IMailPlan<SpeakerConfirmed>, IMailPlan<SpeakerRejected>, IMailPlan<SpeakerWithdrawn>, ISendRule<DeliveryFacts>
{
    public IReadOnlyCollection<DeliveryKind> Kinds { get; } = [DeliveryKind.SpeakerConfirmed, DeliveryKind.SpeakerRejected, DeliveryKind.SpeakerWithdrawn];

    /// <summary>A speaker decision about a cancelled meeting is news of nothing.</summary>
    public bool EndsWithTheMeeting => true;

    public IEnumerable<Delivery> Plan(SpeakerConfirmed e, MailParties parties) => ToSpeakerAndCity(e.Speaker, DeliveryKind.SpeakerConfirmed, parties, e.At);

    public IEnumerable<Delivery> Plan(SpeakerRejected e, MailParties parties) => ToSpeakerAndCity(e.Speaker, DeliveryKind.SpeakerRejected, parties, e.At);

    public IEnumerable<Delivery> Plan(SpeakerWithdrawn e, MailParties parties) => parties.Organizer is { } organizer
        ? [Delivery.ForSpeaker(e.Speaker.MeetingId, e.Speaker.Id, organizer, DeliveryKind.SpeakerWithdrawn, e.At)]
        : [];

    public string? WhyNotToSend(Delivery row, DeliveryFacts facts, DateTimeOffset now)
    {
        if (Proposals.WhyMeetingIsClosed(facts.Meeting, now) is { } closed)
        {
            return closed;
        }

        if (facts.Speaker is not { } speaker)
        {
            return "the speaker no longer exists";
        }

        var stands = row.Kind switch
        {
            DeliveryKind.SpeakerConfirmed => speaker.Status == SpeakerStatus.Confirmed,
            DeliveryKind.SpeakerRejected => speaker.Status == SpeakerStatus.Rejected,
            _ => speaker.Status == SpeakerStatus.Withdrawn,
        };
        return stands ? null : $"the speaker is {speaker.Status.ToString().ToLowerInvariant()} now";
    }

    private static IEnumerable<Delivery> ToSpeakerAndCity(Speaker speaker, DeliveryKind kind, MailParties parties, DateTimeOffset at)
    {
        yield return Delivery.ForSpeaker(speaker.MeetingId, speaker.Id, speaker.AsPerson(), kind, at);
        if (parties.CityContact is { } contact)
        {
            yield return Delivery.ForSpeaker(speaker.MeetingId, speaker.Id, contact, kind, at);
        }
    }
}
