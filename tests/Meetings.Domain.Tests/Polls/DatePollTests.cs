using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Polls;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;
using static Meetings.Domain.Tests.Polls.PollBuilder;

namespace Meetings.Domain.Tests.Polls;

/// <summary>The date poll's rules: slots, deadline, votes, delegation, closing.</summary>
public sealed class DatePollTests
{
    [Fact]
    public void Opening_asks_every_active_departments_head_and_every_series_host_each_with_a_link_of_their_own()
    {
        var (_, poll, departments) = Open();

        Assert.Equal(PollStatus.Open, poll.Status);
        Assert.Equal(4, poll.Ballots.Count);
        Assert.Equal(departments.Select(d => d.Head.Email).Concat(["ob@augsburg.example", "sd@augsburg.example"]), poll.Ballots.Select(b => b.Recipient.Email));
        Assert.Equal(4, poll.Ballots.Select(b => b.Token).Distinct().Count());
        Assert.All(poll.Ballots, b => Assert.True(b.Token.Length >= 40));
        Assert.IsType<PollOpened>(Assert.Single(poll.DomainEvents));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    public void A_poll_offers_two_to_eight_slots(int count)
    {
        var slots = Enumerable.Range(20, count).Select(d => Slot(d)).ToArray();

        var error = Assert.Throws<DomainValidationException>(() => Open(Input(slots)));
        Assert.Contains("slots", error.Errors.Keys);
    }

    [Fact]
    public void Slots_lie_in_the_future_end_after_they_start_and_never_overlap()
    {
        var error = Assert.Throws<DomainValidationException>(() => Open(Input(Slot(20), Slot(20, hour: 16), Slot(-1), new PollSlotInput(Now.AddDays(30), Now.AddDays(30)))));

        Assert.Contains("slots[1]", error.Errors.Keys);
        Assert.Contains("slots[2].startsAt", error.Errors.Keys);
        Assert.Contains("slots[3].endsAt", error.Errors.Keys);
    }

    [Fact]
    public void The_deadline_lies_ahead_and_before_the_first_slot()
    {
        var late = Assert.Throws<DomainValidationException>(() => Open(Input(Slot(20), Slot(21)) with { Deadline = Now.AddDays(20).Date.AddHours(15) }));
        var past = Assert.Throws<DomainValidationException>(() => Open(Input(Slot(20), Slot(21)) with { Deadline = Now.AddMinutes(-1) }));

        Assert.Equal("must be before the first slot.", Assert.Single(late.Errors["deadline"]));
        Assert.Equal("must lie in the future.", Assert.Single(past.Errors["deadline"]));
    }

    [Fact]
    public void Only_a_draft_has_a_poll()
    {
        var series = Series();
        var published = Published(series, Now.AddDays(40), Department());

        Assert.Throws<DomainException>(() => DatePoll.Open(published, series, [], Input(), Now));
    }

    [Fact]
    public void A_vote_answers_every_slot_once()
    {
        var (meeting, poll, _) = Open();
        var ballot = Dept(poll, 0);
        var slots = poll.Slots;

        var missing = Assert.Throws<DomainValidationException>(() => poll.Vote(meeting, ballot, [new(slots[0].Id, PollAnswer.Yes)], null, "x", Now));
        var twice = Assert.Throws<DomainValidationException>(() => poll.Vote(meeting, ballot,
            [new(slots[0].Id, PollAnswer.Yes), new(slots[0].Id, PollAnswer.No), new(slots[1].Id, PollAnswer.No)], null, "x", Now));
        var foreign = Assert.Throws<DomainValidationException>(() => poll.Vote(meeting, ballot,
            [new(Guid.NewGuid(), PollAnswer.Yes), new(slots[1].Id, PollAnswer.No), new(slots[2].Id, PollAnswer.No)], null, "x", Now));

        Assert.Contains("votes", missing.Errors.Keys);
        Assert.Contains("votes[1].slotId", twice.Errors.Keys);
        Assert.Contains("votes[0].slotId", foreign.Errors.Keys);
        Assert.Null(ballot.VotedAt);

        poll.Vote(meeting, ballot, All(poll, PollAnswer.Yes, PollAnswer.Maybe, PollAnswer.No), "Nachmittags besser", "Leitung 10", Now);
        Assert.Equal(PollAnswer.Maybe, ballot.Answers[slots[1].Id]);
        Assert.Equal("Nachmittags besser", ballot.Comment);
        Assert.Equal(1, poll.Voted);
    }

    [Fact]
    public void Votes_are_taken_until_the_deadline_and_not_after_closing()
    {
        var (meeting, poll, _) = Open();

        var late = Assert.Throws<DomainException>(() => poll.Vote(meeting, Dept(poll, 0), All(poll, PollAnswer.Yes, PollAnswer.Yes, PollAnswer.Yes), null, "x", Deadline));
        poll.Close(meeting, null, Now);
        var closed = Assert.Throws<DomainException>(() => poll.Vote(meeting, Dept(poll, 0), All(poll, PollAnswer.Yes, PollAnswer.Yes, PollAnswer.Yes), null, "x", Now));

        Assert.Equal("The poll's deadline has passed.", late.Message);
        Assert.Equal("The poll is closed.", closed.Message);
    }

    [Fact]
    public void Changing_the_slots_keeps_the_votes_of_unchanged_slots_and_names_only_those_it_touched()
    {
        var (meeting, poll, _) = Open();
        var kept = poll.Slots[0].Id;
        poll.Vote(meeting, Dept(poll, 0), All(poll, PollAnswer.Yes, PollAnswer.No, PollAnswer.Maybe), null, "Leitung 10", Now);
        poll.ClearDomainEvents();

        poll.Change(meeting, Input(Slot(20), Slot(21), Slot(23)), Now);

        var changed = Assert.IsType<PollChanged>(Assert.Single(poll.DomainEvents));
        Assert.Equal([Dept(poll, 0).Id], changed.Touched);
        Assert.False(changed.DeadlineChanged);
        Assert.Equal(3, poll.Slots.Count);
        Assert.Equal(kept, poll.Slots[0].Id);
        Assert.Equal(2, Dept(poll, 0).Answers.Count);
        Assert.DoesNotContain(poll.Slots[2].Id, Dept(poll, 0).Answers.Keys);
        Assert.Equal(0, poll.Voted);
        Assert.Equal(2, poll.Revision);
    }

    [Fact]
    public void Offering_the_same_slots_again_changes_nothing()
    {
        var (meeting, poll, _) = Open();
        poll.ClearDomainEvents();

        poll.Change(meeting, Input(), Now);

        Assert.Empty(poll.DomainEvents);
        Assert.Equal(1, poll.Revision);
    }

    [Fact]
    public void A_head_delegates_the_vote_and_the_delegate_gets_a_link_of_their_own()
    {
        var (meeting, poll, _) = Open();
        var ballot = Dept(poll, 0);
        poll.ClearDomainEvents();
        var deputy = Person.Create("Vertretung 10", "vertretung10@augsburg.example");

        poll.DelegateVote(meeting, ballot, deputy, Now);

        Assert.Equal(deputy, ballot.MailRecipient);
        Assert.NotNull(ballot.DelegateToken);
        Assert.Same(ballot, poll.BallotOf(ballot.DelegateToken!));
        Assert.Same(ballot, poll.BallotOf(ballot.Token));
        Assert.IsType<PollBallotIssued>(Assert.Single(poll.DomainEvents));
        Assert.Throws<DomainException>(() => poll.DelegateVote(meeting, Host(poll, 0), deputy, Now));
    }

    [Fact]
    public void A_department_created_while_the_poll_runs_is_asked_too()
    {
        var (_, poll, _) = Open();
        poll.ClearDomainEvents();

        poll.SyncDepartment(Department("40"), Now.AddDays(1));

        Assert.Equal(5, poll.Ballots.Count);
        Assert.IsType<PollBallotIssued>(Assert.Single(poll.DomainEvents));
    }

    [Fact]
    public void A_new_head_takes_the_ballot_over_with_a_new_link_without_the_predecessors_votes_or_delegate()
    {
        var (meeting, poll, departments) = Open();
        var ballot = Dept(poll, 0);
        var oldToken = ballot.Token;
        poll.Vote(meeting, ballot, All(poll, PollAnswer.Yes, PollAnswer.No, PollAnswer.Maybe), "Nur nachmittags.", "Leitung 10", Now);
        poll.DelegateVote(meeting, ballot, Person.Create("Vertretung 10", "vertretung10@augsburg.example"), Now);
        poll.ClearDomainEvents();
        departments[0].Update(departments[0].Code, departments[0].Name, new PersonInput("Neue Leitung", "neu10@augsburg.example"), null);

        poll.SyncDepartment(departments[0], Now.AddDays(1));

        Assert.Equal("neu10@augsburg.example", ballot.Recipient.Email);
        Assert.Equal(ballot.Recipient, ballot.MailRecipient);
        Assert.NotEqual(oldToken, ballot.Token);
        Assert.Null(poll.BallotOf(oldToken));
        Assert.Null(ballot.DelegateToken);
        Assert.Empty(ballot.Answers);
        Assert.Null(ballot.VotedAt);
        Assert.Null(ballot.Comment);
        Assert.Same(ballot, Assert.IsType<PollBallotIssued>(Assert.Single(poll.DomainEvents)).Ballot);

        poll.ClearDomainEvents();
        departments[0].Update(departments[0].Code, departments[0].Name, new PersonInput("Neue Leitung, Dr.", "neu10@augsburg.example"), null);
        var token = ballot.Token;
        poll.SyncDepartment(departments[0], Now.AddDays(1));
        Assert.Equal(token, ballot.Token); // the same person, renamed: the same link, no mail
        Assert.Equal("Neue Leitung, Dr.", ballot.Recipient.Name);
        Assert.Empty(poll.DomainEvents);
    }

    [Fact]
    public void A_deactivated_departments_ballot_is_withdrawn_and_a_reactivated_one_asked_again()
    {
        var (_, poll, departments) = Open();
        var token = Dept(poll, 0).Token;
        poll.ClearDomainEvents();
        departments[0].Deactivate(Now);

        poll.SyncDepartment(departments[0], Now.AddDays(1));

        Assert.Equal(3, poll.Ballots.Count);
        Assert.Null(poll.BallotOf(token));
        Assert.DoesNotContain(poll.Ballots, b => b.DepartmentId == departments[0].Id);
        Assert.Equal(3, PollResult.Of(poll).Participants);
        Assert.Empty(poll.DomainEvents);

        departments[0].Reactivate();
        poll.SyncDepartment(departments[0], Now.AddDays(2));
        Assert.Equal(4, poll.Ballots.Count);
        Assert.IsType<PollBallotIssued>(Assert.Single(poll.DomainEvents));
    }

    [Fact]
    public void Closing_with_a_slot_moves_the_draft_to_it_and_without_one_just_ends_the_poll()
    {
        var (meeting, poll, _) = Open();
        var chosen = poll.Slots[1];

        poll.Close(meeting, chosen.Id, Now);

        Assert.Equal(PollStatus.Closed, poll.Status);
        Assert.Equal(chosen.StartsAt, meeting.StartsAt);
        Assert.Equal(chosen.EndsAt, meeting.EndsAt);
        Assert.Same(chosen, poll.Chosen);
        Assert.Throws<DomainException>(() => poll.Close(meeting, null, Now));

        var (other, without, _) = Open();
        var start = other.StartsAt;
        without.Close(other, null, Now);
        Assert.Equal(start, other.StartsAt);
        Assert.Null(Assert.IsType<PollClosed>(without.DomainEvents.Last()).Chosen);
    }

    [Fact]
    public void Closing_with_a_slot_not_of_the_poll_is_refused()
    {
        var (meeting, poll, _) = Open();

        Assert.Throws<DomainValidationException>(() => poll.Close(meeting, Guid.NewGuid(), Now));
        Assert.Equal(PollStatus.Open, poll.Status);
    }
}
