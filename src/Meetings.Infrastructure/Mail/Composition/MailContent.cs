using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Documents;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>
/// What one mail is about: the ledger row, the facts it was judged on (its meeting with the agenda, the invitation
/// for the personal link, the speaker, the series), the meeting's confirmed guest speakers, the partner city's name
/// for speaker mails, and the moment it goes out.
/// </summary>
/// <param name="FeedToken">The recipient's personal feed token, when they are a person of the directory ("Alle Termine abonnieren").</param>
/// <param name="Documents">
/// The meeting's documents of audience <c>invitees</c> in agenda order, for the invitation, update and reminder mails (plain
/// facts from Infrastructure: the domain's mail plans know nothing of documents); empty for every other mail.
/// </param>
public sealed record MailContent(
    Delivery Delivery, DeliveryFacts Facts, IReadOnlyList<Speaker> Guests, string? CityName, DateTimeOffset Now, string? FeedToken = null,
    IReadOnlyList<ListedDocument>? Documents = null)
{
    public Meeting? Meeting => Facts.Meeting;

    public Invitation? Invitation => Facts.Invitation;

    public Speaker? Speaker => Facts.Speaker;

    public string? SeriesName => Facts.Series?.Name;

    /// <summary>A cadence alert's year as it stands now.</summary>
    public CadenceYear? Cadence => Facts.CadenceNow(Delivery, Now);

    /// <summary>The language of the mail: its recipient's.</summary>
    public string Language => Delivery.Recipient.Language;
}
