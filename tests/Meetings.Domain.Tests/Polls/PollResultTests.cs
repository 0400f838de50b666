using Meetings.Domain.Polls;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;
using static Meetings.Domain.Tests.Polls.PollBuilder;

namespace Meetings.Domain.Tests.Polls;

/// <summary>The office's view: counts, the hosts' availability, who said no, the best order.</summary>
public sealed class PollResultTests
{
    [Fact]
    public void Best_puts_slots_every_host_can_make_first_then_most_yes_then_fewest_no()
    {
        var (meeting, poll, _) = Open(departments: 3);
        var (a, b, c) = (poll.Slots[0].Id, poll.Slots[1].Id, poll.Slots[2].Id);
        // Slot a: most yes, but a host cannot. Slot b and c: hosts can; b has more yes than c.
        poll.Vote(meeting, Host(poll, 0), All(poll, PollAnswer.No, PollAnswer.Yes, PollAnswer.Maybe), null, "Dr. Maria Lindner", Now);
        poll.Vote(meeting, Host(poll, 1), All(poll, PollAnswer.Yes, PollAnswer.Maybe, PollAnswer.Yes), null, "Stefan Brandl", Now);
        poll.Vote(meeting, Dept(poll, 0), All(poll, PollAnswer.Yes, PollAnswer.Yes, PollAnswer.No), null, "Leitung 10", Now);
        poll.Vote(meeting, Dept(poll, 1), All(poll, PollAnswer.Yes, PollAnswer.No, PollAnswer.Yes), null, "Leitung 11", Now);

        var result = PollResult.Of(poll);

        Assert.Equal([b, c, a], result.Best);
        Assert.Equal(5, result.Participants);
        Assert.Equal(4, result.Voted);
        var first = result.Slots[0];
        Assert.Equal((3, 0, 1, false), (first.Yes, first.Maybe, first.No, first.HostsAvailable));
        Assert.Equal(["Dr. Maria Lindner"], first.NoFrom);
        Assert.True(result.Slots[1].HostsAvailable);
        Assert.Equal(["Leitung 11"], result.Slots[1].NoFrom);
    }

    [Fact]
    public void Ties_go_to_fewer_no_then_to_the_earlier_slot()
    {
        var (meeting, poll, _) = Open(departments: 2);
        var (a, b, c) = (poll.Slots[0].Id, poll.Slots[1].Id, poll.Slots[2].Id);
        poll.Vote(meeting, Host(poll, 0), All(poll, PollAnswer.Yes, PollAnswer.Yes, PollAnswer.Yes), null, "H1", Now);
        poll.Vote(meeting, Host(poll, 1), All(poll, PollAnswer.Yes, PollAnswer.Yes, PollAnswer.Yes), null, "H2", Now);
        poll.Vote(meeting, Dept(poll, 0), All(poll, PollAnswer.No, PollAnswer.Maybe, PollAnswer.Maybe), null, "D1", Now);

        Assert.Equal([b, c, a], PollResult.Of(poll).Best);
    }

    [Fact]
    public void A_host_who_has_not_voted_is_not_available()
    {
        var (meeting, poll, _) = Open();
        poll.Vote(meeting, Host(poll, 0), All(poll, PollAnswer.Yes, PollAnswer.Yes, PollAnswer.Yes), null, "H1", Now);

        Assert.All(PollResult.Of(poll).Slots, s => Assert.False(s.HostsAvailable));
    }
}
