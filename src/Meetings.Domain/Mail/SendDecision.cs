namespace Meetings.Domain.Mail;

/// <summary>
/// Send time: the one judgement made right before a row goes out — is it still wanted, on the state as it is
/// now? A mail planned earlier may have become pointless (the meeting was cancelled or started, the invitee
/// declined or delegated, the plan changed, the speaker decision was reversed, the year is no longer at risk):
/// then the row is skipped with the reason. Each kind's rule is in its plan file (<see cref="MailPlans.SendRuleOf"/>).
/// </summary>
public static class SendDecision
{
    /// <summary>Null: send it. Otherwise why not (the send rule of the row's kind, on what the dispatcher loaded).</summary>
    public static string? WhyNotToSend<TFacts>(Delivery row, TFacts facts, DateTimeOffset now) =>
        MailPlans.SendRuleOf(row.Kind) is ISendRule<TFacts> rule
            ? rule.WhyNotToSend(row, facts, now)
            : throw new InvalidOperationException($"The send rule of {row.Kind} does not judge on {typeof(TFacts).Name}.");

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
