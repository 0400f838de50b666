using Meetings.Infrastructure.Mail.Composition;
using Meetings.Infrastructure.Mail.Inbox;
using static Meetings.Api.Tests.Mailbox.MailboxSamples;

namespace Meetings.Api.Tests.Mailbox;

/// <summary>The sorting of the mailbox's messages, on the real shapes of <c>Samples/</c> (pure: no server).</summary>
public sealed class InboxMessageClassifierTests
{
    [Theory]
    [InlineData("outlook-accept.eml", "ACCEPTED")]
    [InlineData("thunderbird-reply.eml", "DECLINED")]
    [InlineData("google-reply.eml", "ACCEPTED")]
    [InlineData("apple-reply.eml", "TENTATIVE")]
    [InlineData("rfc6047-reply.eml", "ACCEPTED")]
    public void Every_clients_reply_is_a_calendar_reply_from_the_attendee(string sample, string partStat)
    {
        var kind = InboxMessageClassifier.Classify(Load(Fill(sample, partStat: partStat)));

        var reply = Assert.IsType<InboxMessageKind.CalendarReply>(kind);
        Assert.Equal("leitung@augsburg.example", reply.From);
        var read = global::Meetings.Infrastructure.Calendar.CalendarReplyReader.Read(reply.Calendar);
        Assert.Equal("leitung@augsburg.example", read.AttendeeEmail, ignoreCase: true);
    }

    [Theory]
    [InlineData("postfix-bounce-5.1.1.eml", "5.1.1", "550 5.1.1")]
    [InlineData("office365-bounce-5.1.10.eml", "5.1.10", "RESOLVER.ADR.RecipientNotFound")]
    public void A_permanent_delivery_failure_is_a_bounce_of_the_row_its_returned_headers_name(string sample, string status, string diagnostic)
    {
        var row = Guid.NewGuid();

        var kind = InboxMessageClassifier.Classify(Load(Fill(sample, rowMessageId: MessageIds.Of(row, Organizer), recipient: "weg@augsburg.example")));

        var bounce = Assert.IsType<InboxMessageKind.Bounce>(kind);
        Assert.Equal(row, bounce.Row);
        Assert.Equal(status, bounce.Status);
        Assert.Equal("weg@augsburg.example", bounce.Recipient);
        Assert.Contains(diagnostic, bounce.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', bounce.Diagnostic);
    }

    [Fact]
    public void A_delay_is_a_notice_not_a_bounce()
    {
        var kind = InboxMessageClassifier.Classify(Load(Fill("exchange-delay-4.4.7.eml", rowMessageId: MessageIds.Of(Guid.NewGuid(), Organizer))));

        Assert.Equal("4.4.7", Assert.IsType<InboxMessageKind.DeliveryNotice>(kind).Status);
    }

    [Fact]
    public void An_out_of_office_reply_is_automatic()
    {
        Assert.IsType<InboxMessageKind.AutoReply>(InboxMessageClassifier.Classify(Load(Fill("exchange-out-of-office.eml"))));
    }

    [Theory]
    [InlineData("outlook-counter.eml")]
    [InlineData("question.eml")]
    [InlineData("malformed.eml")]
    public void A_counter_proposal_a_question_and_a_broken_message_are_for_the_office(string sample)
    {
        Assert.IsType<InboxMessageKind.Other>(InboxMessageClassifier.Classify(Load(Fill(sample))));
    }

    [Fact]
    public void Auto_submitted_auto_replied_alone_is_automatic()
    {
        var message = Load(Fill("question.eml"));
        message.Headers.Add("Auto-Submitted", "auto-replied");

        Assert.Equal("Auto-Submitted: auto-replied", Assert.IsType<InboxMessageKind.AutoReply>(InboxMessageClassifier.Classify(message)).Why);
    }

    [Fact]
    public void A_persons_mail_whose_subject_sounds_like_an_absence_is_for_the_office()
    {
        var message = Load(Fill("question.eml"));
        message.Subject = "Abwesend am 12. – verschieben?";
        message.Headers.Add("X-MS-Exchange-Inbox-Rules-Loop", "leitung@augsburg.example"); // forwarded by a person's inbox rule

        Assert.IsType<InboxMessageKind.Other>(InboxMessageClassifier.Classify(message));
    }

    [Fact]
    public void Auto_submitted_no_is_a_person()
    {
        var message = Load(Fill("question.eml"));
        message.Headers.Add("Auto-Submitted", "no");

        Assert.IsType<InboxMessageKind.Other>(InboxMessageClassifier.Classify(message));
    }

    [Theory]
    [InlineData("mail.augsburg.example; spf=pass smtp.mailfrom=augsburg.example; dkim=pass header.d=augsburg.example; dmarc=pass header.from=augsburg.example", true)]
    [InlineData("mail.augsburg.example; dmarc=fail header.from=augsburg.example", false)]
    [InlineData("evil.example; dmarc=pass header.from=augsburg.example", false)]
    public void Only_the_trusted_servers_dmarc_pass_counts(string header, bool passes)
    {
        var message = Load(Fill("rfc6047-reply.eml"));
        message.Headers.Add("Authentication-Results", header);

        Assert.Equal(passes, AuthenticationResultsCheck.WhyNot(message, "mail.augsburg.example") is null);
        Assert.Null(AuthenticationResultsCheck.WhyNot(message, null));
    }

    [Fact]
    public void A_message_id_names_its_row_and_nothing_else_does()
    {
        var row = Guid.NewGuid();

        Assert.Equal(row, MessageIds.RowOf($"<{MessageIds.Of(row, "Amt <amt@augsburg.example>")}>"));
        Assert.EndsWith("@augsburg.example", MessageIds.Of(row, "Amt <amt@augsburg.example>"), StringComparison.Ordinal);
        Assert.Contains(row.ToString(), MessageIds.Of(row, "amt@augsburg.example"), StringComparison.Ordinal);
        Assert.Null(MessageIds.RowOf("<abc@mail.example>"));
        Assert.Null(MessageIds.RowOf(null));
    }
}
