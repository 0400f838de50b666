using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Domain.Polls;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;
using static Meetings.Domain.Tests.Polls.PollBuilder;

namespace Meetings.Domain.Tests.Polls;

/// <summary>The poll's mails: planned once per participant, judged on the poll as it stands.</summary>
public sealed class DatePollMailTests
{
    private static List<Delivery> Planned(AggregateRoot source)
    {
        var rows = source.DomainEvents.SelectMany(e => MailPlans.Plan(e, MailParties.None)).ToList();
        source.ClearDomainEvents();
        return rows;
    }

    private static string? WhyNot(Delivery row, Meeting meeting, DatePoll poll, DateTimeOffset at) =>
        MailPlans.WhyNotToSend(row, new DeliveryFacts(meeting, null, null, null, [], false, new PollFacts(poll)), at);

    [Fact]
    public void Opening_plans_a_date_poll_mail_and_a_nudge_two_days_before_the_deadline_for_each_participant()
    {
        var (_, poll, _) = Open();

        var rows = Planned(poll);

        Assert.Equal(4, rows.Count(r => r.Kind == DeliveryKind.DatePoll && r.DueAt == Now && r.Occasion.Key == "poll-open"));
        Assert.Equal(4, rows.Count(r => r.Kind == DeliveryKind.PollNudge && r.DueAt == Deadline.AddDays(-2)));
        Assert.Equal(4, rows.Select(r => r.RecipientEmail).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(r.Occasion, Occasion.FromKey(r.Occasion.Key)));
    }

    [Fact]
    public void A_poll_opened_later_than_two_days_before_its_deadline_nudges_at_once()
    {
        var (_, poll, _) = Open(Input() with { Deadline = Now.AddDays(1) });

        Assert.All(Planned(poll).Where(r => r.Kind == DeliveryKind.PollNudge), r => Assert.Equal(Now, r.DueAt));
    }

    [Fact]
    public void The_nudge_goes_only_to_whoever_has_not_voted_and_only_while_the_poll_is_open()
    {
        var (meeting, poll, _) = Open();
        var nudges = Planned(poll).Where(r => r.Kind == DeliveryKind.PollNudge).ToList();
        var voter = Dept(poll, 0);
        poll.Vote(meeting, voter, All(poll, PollAnswer.Yes, PollAnswer.Yes, PollAnswer.No), null, "Leitung 10", Now);
        var at = Deadline.AddDays(-2);

        Assert.Equal("the participant has voted", WhyNot(nudges.Single(r => r.RecipientEmail == voter.Recipient.Email), meeting, poll, at));
        Assert.Null(WhyNot(nudges.Single(r => r.RecipientEmail == Dept(poll, 1).Recipient.Email), meeting, poll, at));
        Assert.Equal("The poll's deadline has passed.", WhyNot(nudges[1], meeting, poll, Deadline));
        poll.Close(meeting, null, Now);
        Assert.Equal("The poll is closed.", WhyNot(nudges[1], meeting, poll, at));
    }

    [Fact]
    public void A_change_mails_an_update_only_to_those_whose_votes_it_touched_and_a_new_deadline_replaces_the_nudges()
    {
        var (meeting, poll, _) = Open();
        var opened = Planned(poll);
        poll.Vote(meeting, Dept(poll, 0), All(poll, PollAnswer.Yes, PollAnswer.Yes, PollAnswer.No), null, "Leitung 10", Now);

        poll.Change(meeting, Input(Slot(20), Slot(21), Slot(24)) with { Deadline = Deadline.AddDays(1) }, Now);
        var changed = poll.DomainEvents.Single();
        var rows = Planned(poll);

        var update = Assert.Single(rows, r => r.Kind == DeliveryKind.DatePoll);
        Assert.Equal(("leitung10@augsburg.example", "poll-r2"), (update.RecipientEmail, update.Occasion.Key));
        Assert.Equal(4, rows.Count(r => r.Kind == DeliveryKind.PollNudge && r.DueAt == Deadline.AddDays(-1)));
        Assert.All(opened.Where(r => r.Kind == DeliveryKind.PollNudge), r => Assert.Equal("the poll's deadline changed", MailPlans.Supersedes(changed, r)));
    }

    [Fact]
    public void A_delegated_vote_is_mailed_to_the_delegate_and_no_longer_to_the_head()
    {
        var (meeting, poll, _) = Open();
        var opened = Planned(poll);
        var ballot = Dept(poll, 0);

        poll.DelegateVote(meeting, ballot, Person.Create("Vertretung", "vertretung10@augsburg.example"), Now);
        var rows = Planned(poll);

        Assert.Equal(2, rows.Count(r => r.RecipientEmail == "vertretung10@augsburg.example"));
        var headsNudge = opened.Single(r => r.Kind == DeliveryKind.PollNudge && r.RecipientEmail == ballot.Recipient.Email);
        Assert.Equal("the poll's mails now go to someone else", WhyNot(headsNudge, meeting, poll, Now));
    }

    [Fact]
    public void Closing_with_a_slot_tells_every_participant_once_and_ends_the_queued_asking()
    {
        var (meeting, poll, _) = Open();
        var opened = Planned(poll);

        poll.Close(meeting, poll.Slots[0].Id, Now);
        var closed = poll.DomainEvents.Single();
        var rows = Planned(poll);

        Assert.Equal(4, rows.Count(r => r.Kind == DeliveryKind.DateChosen && r.Occasion.Key == "poll-chosen"));
        Assert.All(opened, r => Assert.Equal("the poll was closed", MailPlans.Supersedes(closed, r)));
        Assert.Null(WhyNot(rows[0], meeting, poll, Now));
        meeting.Cancel(null, Now);
        Assert.Equal("the meeting was cancelled", WhyNot(rows[0], meeting, poll, Now));
    }

    [Fact]
    public void Closing_without_a_slot_mails_nobody()
    {
        var (meeting, poll, _) = Open();
        Planned(poll);

        poll.Close(meeting, null, Now);

        Assert.Empty(Planned(poll));
    }
}
