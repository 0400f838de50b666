using System.Collections.Concurrent;
using System.Reflection;
using Meetings.Domain.Common;

namespace Meetings.Domain.Mail;

/// <summary>
/// The mail plans of every area, found once by reflection over the domain: each class implementing
/// <see cref="IMailPlan{TEvent}"/> plans the mails of its events, each <see cref="ISendRule"/> judges the rows of its
/// kinds. A new mail family is a new plan file in its area; nothing here names an area or an event.
/// <para>
/// Send time is judged here too, right before a row goes out: is it still wanted, on the state as it is now
/// (<see cref="WhyNotToSend{TFacts}"/>: the rule of the row's kind, in its plan file), and can it go at all
/// (<see cref="WhyItCannotGo"/>)? A mail planned earlier may have become pointless (the meeting was cancelled or
/// started, the invitee declined or delegated, the plan changed, the speaker decision was reversed, the year is no
/// longer at risk): then the row is skipped with the reason.
/// </para>
/// </summary>
public static class MailPlans
{
    private static readonly IReadOnlyList<Step> Steps;
    private static readonly Dictionary<DeliveryKind, ISendRule> Rules;
    private static readonly ConcurrentDictionary<Type, Step[]> ByEvent = new();

    static MailPlans()
    {
        var plans = typeof(MailPlans).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IMailPlan).IsAssignableFrom(t))
            .Select(t => (IMailPlan)Activator.CreateInstance(t, nonPublic: true)!)
            .ToList();
        var make = typeof(MailPlans).GetMethod(nameof(StepOf), BindingFlags.NonPublic | BindingFlags.Static)!;
        Steps = plans
            .SelectMany(p => p.GetType().GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IMailPlan<>))
                .Select(i => (Step)make.MakeGenericMethod(i.GetGenericArguments()[0]).Invoke(null, [p])!))
            .ToList();
        Rules = [];
        foreach (var rule in plans.OfType<ISendRule>())
        {
            foreach (var kind in rule.Kinds)
            {
                if (!Rules.TryAdd(kind, rule))
                {
                    throw new InvalidOperationException($"Two send rules claim the mail kind {kind}: {Rules[kind].GetType().Name} and {rule.GetType().Name}.");
                }
            }
        }

        EndedByCancellation = Rules.Where(r => r.Value.EndsWithTheMeeting && r.Key != DeliveryKind.Cancellation).Select(r => r.Key).Order().ToArray();
    }

    /// <summary>
    /// The kinds whose queued rows a cancellation supersedes: those of the families whose plan says their mails lose their
    /// point with the meeting (<see cref="ISendRule.EndsWithTheMeeting"/>), but the cancellation itself.
    /// </summary>
    public static IReadOnlyList<DeliveryKind> EndedByCancellation { get; }

    /// <summary>The names of the plans of an event type (for the docs and the tests: every event with mail has its plan).</summary>
    public static IReadOnlyList<string> PlansOf(Type eventType) => StepsOf(eventType).Select(s => s.Name).ToList();

    /// <summary>The rows the event plans, by every plan of its type.</summary>
    public static IEnumerable<Delivery> Plan(IDomainEvent e, MailParties parties) => StepsOf(e.GetType()).SelectMany(s => s.Plan(e, parties));

    /// <summary>The queued rows the event can make obsolete, one reach per plan that has one.</summary>
    public static IReadOnlyList<SupersedeReach> Reaches(IDomainEvent e) => StepsOf(e.GetType()).Select(s => s.Reach(e)).OfType<SupersedeReach>().ToList();

    /// <summary>Why a queued row is obsolete after the event (null: it stays). Only rows in a plan's reach.</summary>
    public static string? Supersedes(IDomainEvent e, Delivery queued) => StepsOf(e.GetType())
        .Select(s => s.Reach(e) is { } reach && reach.Covers(queued) ? s.WhySuperseded(e, queued) : null)
        .FirstOrDefault(r => r is not null);

    /// <summary>The send rule of a kind; every kind has exactly one.</summary>
    public static ISendRule SendRuleOf(DeliveryKind kind) =>
        Rules.TryGetValue(kind, out var rule) ? rule : throw new InvalidOperationException($"No send rule judges the mail kind {kind}.");

    /// <summary>
    /// Whether the kind is of the family of <typeparamref name="TRule"/> (its send rule claims it): how the layers outside
    /// the domain pick a family's letter and facts without writing its kinds again.
    /// </summary>
    public static bool Owns<TRule>(DeliveryKind kind)
        where TRule : ISendRule => SendRuleOf(kind) is TRule;

    /// <summary>Null: send it. Otherwise why not (the send rule of the row's kind, on what the dispatcher loaded).</summary>
    public static string? WhyNotToSend<TFacts>(Delivery row, TFacts facts, DateTimeOffset now) =>
        SendRuleOf(row.Kind) is ISendRule<TFacts> rule
            ? rule.WhyNotToSend(row, facts, now)
            : throw new InvalidOperationException($"The send rule of {row.Kind} does not judge on {typeof(TFacts).Name}.");

    /// <summary>
    /// Null: the row may go to its recipient. Otherwise why it never can (the row fails, and is not tried again): its
    /// address is not one mailbox as <see cref="EmailAddress"/> says — stored before the rule, or written around
    /// it. Such an address is never handed to the mail server (<c>a%b@city</c> is a source route its relay may follow).
    /// </summary>
    public static string? WhyItCannotGo(Delivery row) =>
        EmailAddress.IsValid(row.RecipientEmail) && EmailAddress.IsValid(row.Recipient.Email)
            ? null
            : "the recipient's address is not one mailbox local@domain as the e-mail address rule says (stored before the rule); "
              + "it is not handed to the mail server. The address needs correcting where it is kept (directory, series, delegate, speaker).";

    private static Step[] StepsOf(Type eventType) =>
        ByEvent.GetOrAdd(eventType, t => Steps.Where(s => s.Event.IsAssignableFrom(t)).ToArray());

    private static Step StepOf<TEvent>(IMailPlan<TEvent> plan)
        where TEvent : IDomainEvent => new(
        typeof(TEvent),
        plan.GetType().Name,
        (e, parties) => plan.Plan((TEvent)e, parties),
        e => plan.Reach((TEvent)e),
        (e, row) => plan.WhySuperseded((TEvent)e, row));

    private sealed record Step(
        Type Event,
        string Name,
        Func<IDomainEvent, MailParties, IEnumerable<Delivery>> Plan,
        Func<IDomainEvent, SupersedeReach?> Reach,
        Func<IDomainEvent, Delivery, string?> WhySuperseded);
}
