using Meetings.Domain.Directory;
using Meetings.Domain.Mail;

namespace Meetings.Domain.Meetings;

/// <summary>
/// The <c>cadence-alert</c> to a series' organizer: once per year and level (at risk, missed), sent only while the year
/// is still at that level.
/// </summary>
public sealed class CadenceMail : IMailPlan<CadenceAlertDue>, ISendRule<DeliveryFacts>
{
    public IReadOnlyCollection<DeliveryKind> Kinds { get; } = [DeliveryKind.CadenceAlert];

    public IEnumerable<Delivery> Plan(CadenceAlertDue e, MailParties parties) =>
        [Delivery.ForSeries(e.Series.Id, Person.FromStored(e.Series.Name, e.Series.OrganizerEmail), e.Year.Year, e.Year.Status, e.At)];

    public string? WhyNotToSend(Delivery row, DeliveryFacts facts, DateTimeOffset now) =>
        facts.CadenceNow(row, now) is not { } year ? "the series no longer exists"
        : Occasion.Cadence(year.Year, year.Status) != row.Occasion ? $"the year is {Cadence.LevelName(year.Status)} now"
        : null;
}
