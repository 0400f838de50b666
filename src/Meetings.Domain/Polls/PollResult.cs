namespace Meetings.Domain.Polls;

/// <summary>One slot's tally: the answers counted, whether every series host can come (yes or maybe), who said no.</summary>
public sealed record SlotTally(PollSlot Slot, int Yes, int Maybe, int No, bool HostsAvailable, IReadOnlyList<string> NoFrom);

/// <summary>
/// The office's view of a poll: each slot's tally and the slots best first — those every series host can make (yes or
/// maybe) first, then by most yes, then fewest no, then the earlier one. A host who has not voted is not available.
/// </summary>
public sealed record PollResult(IReadOnlyList<SlotTally> Slots, int Participants, int Voted, IReadOnlyList<Guid> Best)
{
    public static PollResult Of(DatePoll poll)
    {
        var slots = poll.Slots;
        var hosts = poll.Ballots.Where(b => b.Kind == PollBallotKind.Host).ToList();
        var tallies = slots.Select(slot =>
        {
            var answers = poll.Ballots.Select(b => (Ballot: b, Answer: b.Answers.TryGetValue(slot.Id, out var a) ? a : (PollAnswer?)null)).ToList();
            return new SlotTally(
                slot,
                answers.Count(a => a.Answer == PollAnswer.Yes),
                answers.Count(a => a.Answer == PollAnswer.Maybe),
                answers.Count(a => a.Answer == PollAnswer.No),
                hosts.All(h => h.Answers.TryGetValue(slot.Id, out var a) && a is PollAnswer.Yes or PollAnswer.Maybe),
                answers.Where(a => a.Answer == PollAnswer.No).Select(a => a.Ballot.VotedBy ?? a.Ballot.MailRecipient.Name).Order(StringComparer.Ordinal).ToList());
        }).ToList();
        var best = tallies
            .OrderByDescending(t => t.HostsAvailable)
            .ThenByDescending(t => t.Yes)
            .ThenBy(t => t.No)
            .ThenBy(t => t.Slot.StartsAt)
            .Select(t => t.Slot.Id)
            .ToList();
        return new PollResult(tallies, poll.Ballots.Count, poll.Voted, best);
    }
}
