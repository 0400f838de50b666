namespace Meetings.Domain.Meetings;

/// <summary>
/// What a ledger row is about, as it stands when the row is about to go out (loaded per dispatch batch): its
/// meeting (with the agenda), invitation, speaker, series and — for a cadence alert — the series' meetings,
/// whether the recipient of a cancellation had been sent the invitation or an update, and what an area's own rule
/// needs beyond that (<see cref="Area"/>, e.g. the minutes and tasks of a results mail).
/// </summary>
public sealed record DeliveryFacts(
    Meeting? Meeting,
    Invitation? Invitation,
    Speaker? Speaker,
    Series? Series,
    IReadOnlyCollection<(DateTimeOffset StartsAt, MeetingStatus Status)> SeriesMeetings,
    bool RecipientWasInvited,
    object? Area = null)
{
    /// <summary>The area's own facts of the row, if they are of type <typeparamref name="T"/>.</summary>
    public T? AreaFacts<T>()
        where T : class => Area as T;

    /// <summary>The year of a cadence alert as it stands at <paramref name="now"/>.</summary>
    public CadenceYear? CadenceNow(Delivery row, DateTimeOffset now) =>
        row.Occasion is Occasion.CadenceOccasion alert && Series is { } series
            ? Cadence.Report(series, SeriesMeetings, alert.Year, alert.Year, now).Single()
            : null;
}

/// <summary>
/// Send time: the one judgement made right before a row goes out — is it still wanted, on the state as it is
/// now? A mail planned earlier may have become pointless (the meeting was cancelled or started, the invitee
/// declined or delegated, the plan changed, the speaker decision was reversed, the year is no longer at risk):
/// then the row is skipped with the reason. Each kind's rule is in its plan file (<see cref="MailPlans.SendRuleOf"/>).
/// </summary>
public static class SendDecision
{
    /// <summary>Null: send it. Otherwise why not (the send rule of the row's kind).</summary>
    public static string? WhyNotToSend(Delivery row, DeliveryFacts facts, DateTimeOffset now) =>
        MailPlans.SendRuleOf(row.Kind).WhyNotToSend(row, facts, now);

    /// <summary>
    /// Null: the row may go to its recipient. Otherwise why it never can (the row fails, and is not tried again): its
    /// address is not one mailbox as <see cref="Common.EmailAddress"/> says — stored before the rule, or written around
    /// it. Such an address is never handed to the mail server (<c>a%b@city</c> is a source route its relay may follow).
    /// </summary>
    public static string? WhyItCannotGo(Delivery row) =>
        Common.EmailAddress.IsValid(row.RecipientEmail) && Common.EmailAddress.IsValid(row.Recipient.Email)
            ? null
            : "the recipient's address is not one mailbox local@domain as the e-mail address rule says (stored before the rule); "
              + "it is not handed to the mail server. The address needs correcting where it is kept (directory, series, delegate, speaker).";
}
