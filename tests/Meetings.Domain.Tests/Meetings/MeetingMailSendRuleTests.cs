using Meetings.Domain.Directory;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Meetings;

/// <summary>
/// Send time of the meeting folder's mails (the send rules of <see cref="InvitationMail"/>, <see cref="SpeakerMail"/>,
/// <see cref="CadenceMail"/>): is a planned mail still wanted on the state as it is now (<see cref="MailPlans.WhyNotToSend{TFacts}"/>),
/// and can it go at all (<see cref="MailPlans.WhyItCannotGo"/>)?
/// </summary>
public sealed class MeetingMailSendRuleTests
{
    private static readonly DateTimeOffset InAMonth = Now.AddDays(30);

    private static (Meeting Meeting, Invitation Invitation, List<Delivery> Rows) Published()
    {
        var meeting = MeetingBuilder.Published(Series(), InAMonth, Department("10"));
        var rows = meeting.DomainEvents.SelectMany(e => MailPlans.Plan(e, MailParties.None)).ToList();
        meeting.ClearDomainEvents();
        return (meeting, meeting.Invitations.Single(i => i.Kind == InvitationKind.Department), rows);
    }

    private static string? WhyNot(Delivery row, Meeting meeting, Invitation? invitation, DateTimeOffset at, bool invited = true) =>
        MailPlans.WhyNotToSend(row, new DeliveryFacts(meeting, invitation, null, null, [], invited), at);

    private static Delivery Row(List<Delivery> rows, Invitation invitation, DeliveryKind kind) =>
        rows.First(r => r.InvitationId == invitation.Id && r.Kind == kind);

    [Fact]
    public void A_mail_still_wanted_goes_out()
    {
        var (meeting, invitation, rows) = Published();

        Assert.Null(WhyNot(Row(rows, invitation, DeliveryKind.Invitation), meeting, invitation, Now));
        Assert.Null(WhyNot(Row(rows, invitation, DeliveryKind.Reminder), meeting, invitation, InAMonth.AddDays(-7)));
    }

    [Fact]
    public void Nothing_goes_out_for_a_cancelled_or_started_meeting_but_the_cancellation()
    {
        var (meeting, invitation, rows) = Published();
        var reminder = Row(rows, invitation, DeliveryKind.Reminder);

        Assert.Equal("the meeting has started", WhyNot(reminder, meeting, invitation, InAMonth.AddMinutes(1)));
        meeting.Cancel(null, Now);
        var cancellation = meeting.DomainEvents.SelectMany(e => MailPlans.Plan(e, MailParties.None)).Single(r => r.InvitationId == invitation.Id);
        Assert.Equal("the meeting is cancelled", WhyNot(reminder, meeting, invitation, Now));
        Assert.Null(WhyNot(cancellation, meeting, invitation, Now));
        Assert.Equal("the invitation had not gone out", WhyNot(cancellation, meeting, invitation, Now, invited: false));
    }

    [Fact]
    public void Reminders_skip_those_who_declined_and_the_nudge_those_who_answered()
    {
        var series = Series();
        var meeting = Draft(series, InAMonth, answerDeadline: Now.AddDays(20));
        meeting.Publish(series, [Department("10")], [], Now);
        var rows = meeting.DomainEvents.SelectMany(e => MailPlans.Plan(e, MailParties.None)).ToList();
        meeting.ClearDomainEvents();
        var invitation = meeting.Invitations.Single(i => i.Kind == InvitationKind.Department);
        var nudge = Row(rows, invitation, DeliveryKind.RsvpNudge);
        var pending = WhyNot(nudge, meeting, invitation, Now.AddDays(18));

        invitation.Answer(meeting, new AnswerInput(AnswerStatus.Declined, null, null), AnswerChannel.Api, "portal", Now, Recipients);

        Assert.Null(pending);
        Assert.Equal("the invitee has answered", WhyNot(nudge, meeting, invitation, Now.AddDays(18)));
        Assert.Equal("the invitee declined", WhyNot(Row(rows, invitation, DeliveryKind.Reminder), meeting, invitation, InAMonth.AddDays(-7)));
    }

    [Fact]
    public void A_mail_to_someone_the_invitation_no_longer_goes_to_is_skipped()
    {
        var (meeting, invitation, rows) = Published();

        invitation.Answer(meeting, new AnswerInput(AnswerStatus.Delegated, new PersonInput("Vera", "vera@augsburg.example"), null), AnswerChannel.Api, "portal", Now, Recipients);

        Assert.Equal("the invitation now goes to someone else", WhyNot(Row(rows, invitation, DeliveryKind.Reminder), meeting, invitation, InAMonth.AddDays(-7)));
    }

    [Fact]
    public void A_reminder_of_an_older_plan_is_superseded_even_if_it_escaped_the_planner()
    {
        var (meeting, invitation, rows) = Published();

        meeting.SetReminders(ReminderPlan.Parse(["PT2H"], null), Now);

        Assert.Equal("superseded by a newer plan", WhyNot(Row(rows, invitation, DeliveryKind.Reminder), meeting, invitation, InAMonth.AddDays(-7)));
    }

    [Fact]
    public void A_speaker_mail_goes_only_while_the_decision_stands()
    {
        var meeting = MeetingBuilder.Published(Series(), InAMonth);
        var speaker = Speaker.Register(meeting, Munich, Talk(), Now);
        speaker.Confirm(meeting, addToAgenda: false, position: null, Now);
        var confirmation = speaker.DomainEvents.SelectMany(e => MailPlans.Plan(e, MailParties.None)).Single();
        var facts = new DeliveryFacts(meeting, null, speaker, null, [], false);
        var standing = MailPlans.WhyNotToSend(confirmation, facts, Now);

        speaker.Withdraw(meeting, Now);

        Assert.Null(standing);
        Assert.Equal("the speaker is withdrawn now", MailPlans.WhyNotToSend(confirmation, facts, Now));
        Assert.Equal("the speaker no longer exists", MailPlans.WhyNotToSend(confirmation, facts with { Speaker = null }, Now));
    }

    [Fact]
    public void A_cadence_alert_goes_only_while_the_year_is_still_as_it_was()
    {
        var series = Series(minPerYear: 1);
        var today = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        series.CheckCadence(Cadence.Report(series, [], 2026, 2026, today), today);
        var alert = series.DomainEvents.SelectMany(e => MailPlans.Plan(e, MailParties.None)).Single();
        var facts = new DeliveryFacts(null, null, null, series, [], false);

        var atRisk = MailPlans.WhyNotToSend(alert, facts, today);
        var planned = MailPlans.WhyNotToSend(alert, facts with { SeriesMeetings = [(today.AddDays(30), MeetingStatus.Published)] }, today);

        Assert.Equal(Occasion.Cadence(2026, CadenceStatus.AtRisk), alert.Occasion);
        Assert.Null(atRisk);
        Assert.Equal("the year is on-track now", planned);
        Assert.Equal("the series no longer exists", MailPlans.WhyNotToSend(alert, facts with { Series = null }, today));
    }

    [Theory]
    [InlineData("attacker%evil.example@augsburg.example")]
    [InlineData("\"vera\"@augsburg.example")]
    [InlineData("vera@[127.0.0.1]")]
    [InlineData("vera@augsburg")]
    [InlineData("")]
    public void A_row_whose_address_is_not_one_mailbox_never_goes_to_the_mail_server(string stored)
    {
        var (meeting, invitation, rows) = Published();
        var row = Delivery.ForMeeting(meeting.Id, invitation.Id, Person.FromStored("Vera", stored), DeliveryKind.Invitation, Occasion.Reissue(Now), Now, Now);

        Assert.Null(MailPlans.WhyItCannotGo(Row(rows, invitation, DeliveryKind.Invitation)));
        Assert.Contains("local@domain", MailPlans.WhyItCannotGo(row), StringComparison.Ordinal);
    }

    [Fact]
    public void A_person_made_of_stored_data_is_taken_as_stored_with_the_address_in_lower_case()
    {
        var person = Person.FromStored("Vera\r\nVertretung", "Attacker%Evil.example@Augsburg.example", "Leitung");

        Assert.Equal(("Vera\r\nVertretung", "attacker%evil.example@augsburg.example", "Leitung", "de"), (person.Name, person.Email, person.Title, person.Language));
    }
}
