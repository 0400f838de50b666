using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Domain.Topics;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Topics;

public sealed class TopicTests
{
    private static readonly DateTimeOffset InAMonth = Now.AddDays(30);
    private static readonly Department Amt10 = Department("10");
    private static readonly Department Amt20 = Department("20");

    private static TopicInput Pilot(int minutes = 20) => new("E-Akte-Pilot im Bürgeramt", "Stand und nächste Schritte", minutes, true, null, null);

    private static (Meeting Meeting, TopicCall Call) OpenCall(Meeting? meeting = null)
    {
        meeting ??= Draft(Series(), InAMonth);
        var call = TopicCall.Open(meeting, new TopicCallInput(InAMonth.AddDays(-7), "Bitte bis Freitag"), [Amt10, Amt20], Now);
        return (meeting, call);
    }

    [Fact]
    public void A_call_needs_a_meeting_ahead_and_a_deadline_between_now_and_the_start()
    {
        var meeting = Draft(Series(), InAMonth);

        Assert.Contains("deadline", Assert.Throws<DomainValidationException>(() => TopicCall.Open(meeting, new TopicCallInput(null, null), [Amt10], Now)).Errors.Keys);
        Assert.Contains("deadline", Assert.Throws<DomainValidationException>(() => TopicCall.Open(meeting, new TopicCallInput(Now.AddHours(-1), null), [Amt10], Now)).Errors.Keys);
        Assert.Contains("deadline", Assert.Throws<DomainValidationException>(() => TopicCall.Open(meeting, new TopicCallInput(InAMonth, null), [Amt10], Now)).Errors.Keys);
        var cancelled = Published(Series(), InAMonth);
        cancelled.Cancel(null, Now);
        Assert.Throws<DomainException>(() => TopicCall.Open(cancelled, new TopicCallInput(InAMonth.AddDays(-1), null), [Amt10], Now));
    }

    [Fact]
    public void Opening_a_call_mails_each_active_head_once_per_deadline_with_a_link_of_its_own()
    {
        var inactive = Department("30");
        inactive.Deactivate(Now);
        var meeting = Draft(Series(), InAMonth);
        var call = TopicCall.Open(meeting, new TopicCallInput(InAMonth.AddDays(-7), null), [Amt10, Amt20, inactive], Now);

        var rows = call.DomainEvents.SelectMany(e => MailPlans.Plan(e, MailParties.None)).ToList();
        Assert.Equal(["leitung10@augsburg.example", "leitung20@augsburg.example"], rows.Select(r => r.RecipientEmail).Order());
        Assert.All(rows, r => Assert.Equal((DeliveryKind.TopicCall, Occasion.TopicCall(call.Deadline, call.OpenedAt)), (r.Kind, r.Occasion)));
        Assert.Equal(2, call.Links.Count);
        Assert.NotEqual(call.Links[0].Token, call.Links[1].Token);

        call.ClearDomainEvents();
        call.Set(meeting, new TopicCallInput(call.Deadline, "Nur die Notiz"), [Amt10, Amt20], Now);
        Assert.Empty(call.DomainEvents);
        call.Set(meeting, new TopicCallInput(call.Deadline.AddDays(1), null), [Amt10, Amt20], Now);
        var moved = Assert.Single(call.DomainEvents.OfType<TopicCallOpened>());
        var old = rows[0];
        Assert.Equal("the call's deadline changed", MailPlans.Supersedes(moved, old));
    }

    [Fact]
    public void A_call_opened_again_with_the_same_deadline_is_a_new_call_mail_and_its_key_reads_back()
    {
        var meeting = Draft(Series(), InAMonth);
        var call = TopicCall.Open(meeting, new TopicCallInput(InAMonth.AddDays(-7), null), [Amt10], Now);
        var first = call.DomainEvents.SelectMany(e => MailPlans.Plan(e, MailParties.None)).Single();
        call.ClearDomainEvents();

        call.Close(Now.AddMinutes(1));
        call.Set(meeting, new TopicCallInput(call.Deadline, null), [Amt10], Now.AddMinutes(2));

        var reopened = Assert.Single(call.DomainEvents.OfType<TopicCallOpened>());
        var again = MailPlans.Plan(reopened, MailParties.None).Single();
        Assert.NotEqual(first.Occasion, again.Occasion);
        Assert.Equal("the call was opened again", MailPlans.Supersedes(reopened, first));
        Assert.Equal(again.Occasion, Occasion.FromKey(again.Occasion.Key));
        Assert.True(again.Occasion.Key.Length <= Delivery.OccasionMaxLength);
        Assert.Equal(new Occasion.TopicCallOccasion(call.Deadline, null), Occasion.FromKey("topic-call@" + call.Deadline.UtcTicks));
    }

    [Fact]
    public void A_new_head_gets_a_new_link_and_the_old_one_ends()
    {
        var department = Department("40");
        var (meeting, call) = OpenCall();
        var link = call.LinkFor(department, Now);
        var token = link.Token;
        Assert.True(link.IsFor(department));

        department.Update("40", "Amt 40", new PersonInput("Neue Leitung", "neu40@augsburg.example"), null);

        Assert.False(link.IsFor(department));
        Assert.NotEqual(token, call.LinkFor(department, Now).Token);
        Assert.Null(call.FindLink(token));
        Assert.NotNull(meeting);
    }

    [Fact]
    public void Topics_are_proposed_only_while_the_call_is_open()
    {
        var (meeting, call) = OpenCall();
        Assert.Throws<DomainException>(() => Topic.Propose(meeting, null, Amt10, Pilot(), 0, Now));

        var topic = Topic.Propose(meeting, call, Amt10, Pilot(), 0, Now);
        Assert.Equal((TopicStatus.Proposed, Amt10.Id, "Leitung 10", "leitung10@augsburg.example"), (topic.Status, topic.DepartmentId, topic.PresenterName, topic.PresenterEmail));
        Assert.True(topic.DecisionNeeded);

        Assert.Throws<DomainException>(() => Topic.Propose(meeting, call, Amt10, Pilot(), 0, call.Deadline));
        call.Close(Now.AddMinutes(1));
        Assert.Throws<DomainException>(() => Topic.Propose(meeting, call, Amt10, Pilot(), 0, Now.AddMinutes(2)));
        Assert.Throws<DomainException>(() => call.Close(Now.AddMinutes(3)));
    }

    [Fact]
    public void At_most_five_topics_per_department_and_meeting()
    {
        var (meeting, call) = OpenCall();

        Topic.Propose(meeting, call, Amt10, Pilot(), Topic.MaxActivePerDepartment - 1, Now);
        var refused = Assert.Throws<TopicLimitException>(() => Topic.Propose(meeting, call, Amt10, Pilot(), Topic.MaxActivePerDepartment, Now));
        Assert.Contains("at most 5", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_topic_takes_the_departments_lowest_free_place_and_gives_it_back_when_declined_or_withdrawn()
    {
        var (meeting, call) = OpenCall();

        var first = Topic.Propose(meeting, call, Amt10, Pilot(), [], Now);
        var third = Topic.Propose(meeting, call, Amt10, Pilot(), [1, 2, 4], Now);
        var legacy = Topic.Propose(meeting, call, Amt10, Pilot(), [null, 1], Now);
        Assert.Equal((1, 3, 2), (first.Slot, third.Slot, legacy.Slot));
        Assert.Throws<TopicLimitException>(() => Topic.Propose(meeting, call, Amt10, Pilot(), [1, 2, 3, 4, 5], Now));
        Assert.Throws<TopicLimitException>(() => Topic.Propose(meeting, call, Amt10, Pilot(), [null, null, 1, 2, 3], Now));

        first.Decline(meeting, "Nein", Amt10.Head, Now);
        third.Withdraw(meeting, TopicActor.Department, Amt10.Head, Now);
        Assert.Equal(((int?)null, (int?)null), (first.Slot, third.Slot));
        legacy.Accept(meeting, Amt10, Amt10.Head, null, null, Now);
        Assert.Equal(2, legacy.Slot);
        legacy.Withdraw(meeting, TopicActor.Office, Amt10.Head, Now);
        Assert.Null(legacy.Slot);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(121)]
    public void Requested_minutes_are_5_to_120_and_texts_are_checked(int minutes)
    {
        var (meeting, call) = OpenCall();

        var errors = Assert.Throws<DomainValidationException>(() =>
            Topic.Propose(meeting, call, Amt10, new TopicInput("Titel\u202E", null, minutes, null, "Name", "keine-adresse"), 0, Now)).Errors;

        Assert.Equal(["presenter.email", "requestedMinutes", "title"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Accepting_puts_a_discussion_presented_by_the_department_on_the_agenda_within_the_meetings_time()
    {
        var (meeting, call) = OpenCall();
        var topic = Topic.Propose(meeting, call, Amt10, Pilot(30), 0, Now);

        var item = topic.Accept(meeting, Amt10, Amt10.Head, position: null, durationMinutes: 25, Now);

        Assert.Equal(("E-Akte-Pilot im Bürgeramt", 25, AgendaItemKind.Discussion), (item.Title, item.DurationMinutes, item.Kind));
        Assert.Equal((PresenterKind.Department, Amt10.Id, "Amt 10"), (item.Presenter!.Kind, item.Presenter.RefId, item.Presenter.Name));
        Assert.Equal((TopicStatus.Accepted, item.Id), (topic.Status, topic.AgendaItemId));
        var mail = topic.DomainEvents.SelectMany(e => MailPlans.Plan(e, MailParties.None)).Single();
        Assert.Equal((DeliveryKind.TopicAccepted, "leitung10@augsburg.example", Occasion.Topic(topic.Id)), (mail.Kind, mail.RecipientEmail, mail.Occasion));

        var tooLong = Topic.Propose(meeting, call, Amt10, Pilot(120), 1, Now);
        tooLong.Accept(meeting, Amt10, Amt10.Head, null, null, Now); // 25 + 120 of 180
        var over = Topic.Propose(meeting, call, Amt20, Pilot(60), 0, Now);
        var refused = Assert.Throws<DomainException>(() => over.Accept(meeting, Amt20, Amt20.Head, null, null, Now));
        Assert.Contains("25 minutes past", refused.Message, StringComparison.Ordinal);
        Assert.Equal(TopicStatus.Proposed, over.Status);
    }

    [Fact]
    public void Declining_needs_a_reason_and_tells_the_head()
    {
        var (meeting, call) = OpenCall();
        var topic = Topic.Propose(meeting, call, Amt10, Pilot(), 0, Now);

        Assert.Contains("reason", Assert.Throws<DomainValidationException>(() => topic.Decline(meeting, " ", Amt10.Head, Now)).Errors.Keys);
        topic.Decline(meeting, "Passt besser ins nächste Treffen", Amt10.Head, Now);

        Assert.Equal((TopicStatus.Declined, "Passt besser ins nächste Treffen"), (topic.Status, topic.DecisionReason));
        Assert.Equal(DeliveryKind.TopicDeclined, topic.DomainEvents.SelectMany(e => MailPlans.Plan(e, MailParties.None)).Single().Kind);
        Assert.Throws<DomainException>(() => topic.Accept(meeting, Amt10, Amt10.Head, null, null, Now));
        Assert.Throws<DomainException>(() => topic.Edit(meeting, Amt10, Pilot(), Now));
    }

    [Fact]
    public void The_department_withdraws_a_proposed_topic_and_only_the_office_an_accepted_one_whose_item_then_goes()
    {
        var (meeting, call) = OpenCall();
        var proposed = Topic.Propose(meeting, call, Amt10, Pilot(), 0, Now);
        proposed.Withdraw(meeting, TopicActor.Department, Amt10.Head, Now);
        Assert.Equal(TopicStatus.Withdrawn, proposed.Status);
        Assert.Empty(proposed.DomainEvents);

        var accepted = Topic.Propose(meeting, call, Amt10, Pilot(), 0, Now);
        accepted.Accept(meeting, Amt10, Amt10.Head, null, null, Now);
        Assert.Throws<DomainException>(() => accepted.Withdraw(meeting, TopicActor.Department, Amt10.Head, Now));

        accepted.ClearDomainEvents();
        accepted.Withdraw(meeting, TopicActor.Office, Amt10.Head, Now);
        Assert.Empty(meeting.Agenda.Items);
        Assert.Equal((TopicStatus.Withdrawn, (Guid?)null), (accepted.Status, accepted.AgendaItemId));
        Assert.True(Assert.Single(accepted.DomainEvents.OfType<TopicDeclined>()).WasAccepted);
    }

    [Fact]
    public void Ownership_is_the_topics_department()
    {
        var (meeting, call) = OpenCall();
        var topic = Topic.Propose(meeting, call, Amt10, Pilot(), 0, Now);

        Assert.True(topic.BelongsTo(Amt10.Id));
        Assert.False(topic.BelongsTo(Amt20.Id));
        Assert.True(Topic.OfDepartment(Amt10.Id).Compile()(topic));
    }

    [Fact]
    public void A_decision_mail_goes_only_while_the_decision_stands_and_the_head_is_the_same()
    {
        var (meeting, call) = OpenCall();
        var topic = Topic.Propose(meeting, call, Amt10, Pilot(), 0, Now);
        topic.Accept(meeting, Amt10, Amt10.Head, null, null, Now);
        var row = topic.DomainEvents.SelectMany(e => MailPlans.Plan(e, MailParties.None)).Single();
        var facts = new DeliveryFacts(meeting, null, null, null, [], false, new TopicFacts(call, topic, Amt10, null));

        Assert.Null(MailPlans.WhyNotToSend(row, facts, Now));
        topic.Withdraw(meeting, TopicActor.Office, Amt10.Head, Now);
        Assert.Equal("the topic is withdrawn now", MailPlans.WhyNotToSend(row, facts, Now));

        var callRow = call.DomainEvents.SelectMany(e => MailPlans.Plan(e, MailParties.None)).First(r => r.DepartmentId == Amt10.Id);
        Assert.Null(MailPlans.WhyNotToSend(callRow, facts, Now));
        Assert.Equal("the call for topics is closed", MailPlans.WhyNotToSend(callRow, facts, call.Deadline));
        Assert.Equal("the department has another head now", MailPlans.WhyNotToSend(callRow, facts with { Area = new TopicFacts(call, null, Amt20, null) }, Now));
    }
}
