using Meetings.Domain.Common;
using Meetings.Domain.Directory;

namespace Meetings.Domain.Mail;

/// <summary>
/// Who, besides the invitees, hears of an event: the contact of the speaker's partner city and the
/// organizer of the series (the persistence layer looks them up for the events that need them).
/// </summary>
public sealed record MailParties(Person? CityContact, Person? Organizer)
{
    public static readonly MailParties None = new(null, null);
}

/// <summary>A mail plan: a class of an area that plans one family of mails (found once by <see cref="MailPlans"/>).</summary>
public interface IMailPlan;

/// <summary>
/// Plan time for one event: the ledger rows it causes, and which queued rows it makes obsolete. Pure: the persistence
/// layer adds the rows (dropping those whose key exists already) in the same transaction as the change (ADR 0009).
/// </summary>
public interface IMailPlan<in TEvent> : IMailPlan
    where TEvent : IDomainEvent
{
    /// <summary>The rows the event plans.</summary>
    IEnumerable<Delivery> Plan(TEvent e, MailParties parties);

    /// <summary>
    /// The queued rows the event can make obsolete (null: none): those of one meeting, invitation or task, of some kinds.
    /// Plan time reads exactly these rows; <see cref="WhySuperseded"/> decides among them, and never beyond them.
    /// </summary>
    SupersedeReach? Reach(TEvent e) => null;

    /// <summary>Why a queued row in the event's <see cref="Reach"/> is obsolete after the event (null: it stays).</summary>
    string? WhySuperseded(TEvent e, Delivery queued) => null;
}

/// <summary>
/// Send time for the kinds of one mail family: the one judgement made right before a row goes out — is it still wanted,
/// on the state as it is now? Each <see cref="DeliveryKind"/> has exactly one such rule (<see cref="MailPlans.SendRuleOf"/>).
/// </summary>
public interface ISendRule : IMailPlan
{
    /// <summary>The kinds this rule judges.</summary>
    IReadOnlyCollection<DeliveryKind> Kinds { get; }

    /// <summary>
    /// Whether the mails of these kinds lose their point with the meeting: a cancellation (or an invitation's withdrawal)
    /// then supersedes their queued rows (<see cref="MailPlans.EndedByCancellation"/>). No by default: the rows stay, and
    /// their rule judges them at send time (a bounce alert still tells the organizer of mails that came back).
    /// </summary>
    bool EndsWithTheMeeting => false;
}

/// <summary>A send rule judging on <typeparamref name="TFacts"/>: what the dispatcher loads of the row's subject.</summary>
public interface ISendRule<in TFacts> : ISendRule
{
    /// <summary>Null: send it. Otherwise why not.</summary>
    string? WhyNotToSend(Delivery row, TFacts facts, DateTimeOffset now);
}
