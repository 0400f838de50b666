using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Domain.Polls;

namespace Meetings.Api.Features.Polls;

/// <summary>A poll as the office opens or changes it.</summary>
public sealed record PollBody
{
    /// <summary>2–8 slots in the future, none overlapping.</summary>
    public IReadOnlyList<PollSlotBody>? Slots { get; init; }

    /// <summary>Until when votes are taken: in the future, before the first slot.</summary>
    /// <example>2026-09-15T16:00:00+02:00</example>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>A note to the participants (in the mail and on the page).</summary>
    /// <example>Bitte stimmen Sie bis Mitte September ab.</example>
    public string? Note { get; init; }

    public PollInput ToInput() => new(Slots?.Select(s => new PollSlotInput(s?.StartsAt, s?.EndsAt)).ToList(), Deadline, Note);
}

/// <summary>A date offered.</summary>
public sealed record PollSlotBody
{
    /// <example>2026-10-08T14:00:00+02:00</example>
    public DateTimeOffset? StartsAt { get; init; }

    /// <example>2026-10-08T17:00:00+02:00</example>
    public DateTimeOffset? EndsAt { get; init; }
}

/// <summary>A vote: every slot answered, with an optional comment.</summary>
public sealed record VoteBody
{
    /// <summary>One answer per slot of the poll, each slot exactly once.</summary>
    public IReadOnlyList<VoteItem>? Votes { get; init; }

    /// <summary>A note for the office.</summary>
    /// <example>Vormittags geht es bei mir nicht.</example>
    public string? Comment { get; init; }

    /// <summary>
    /// A department's head passes the vote to the department's deputy as the directory names them (the deputy gets a poll
    /// link of their own; the head's link keeps working). With it, <c>votes</c> may be left out.
    /// </summary>
    public bool? DelegateToDeputy { get; init; }

    public IReadOnlyList<PollVoteInput>? ToVotes() => Votes?.Select(v => new PollVoteInput(v?.SlotId, v?.Answer)).ToList();
}

/// <summary>The answer for one slot.</summary>
public sealed record VoteItem
{
    public Guid? SlotId { get; init; }

    /// <summary><c>yes</c>, <c>maybe</c> or <c>no</c>.</summary>
    /// <example>yes</example>
    public PollAnswer? Answer { get; init; }
}

/// <summary>Closing a poll: with a slot, the draft takes its times; without, the poll just ends.</summary>
public sealed record ClosePollBody
{
    public Guid? SlotId { get; init; }
}

/// <summary>
/// A poll. The office sees every slot's tally (<c>yes</c>, <c>maybe</c>, <c>no</c>, <c>hostsAvailable</c>, <c>noFrom</c>),
/// <c>participants</c>, <c>voted</c> and <c>best</c>; a department key sees the slots and its own vote (<c>ownVote</c>) only.
/// </summary>
/// <param name="Best">The slot ids, best first: those every series host can make (yes or maybe), then most yes, then fewest no.</param>
/// <param name="ChosenSlotId">The slot the poll was closed with.</param>
public sealed record PollResponse(
    Guid Id, Guid MeetingId, PollStatus Status, DateTimeOffset Deadline, string? Note, string TimeZone, IReadOnlyList<PollSlotResponse> Slots,
    int? Participants, int? Voted, IReadOnlyList<Guid>? Best, Guid? ChosenSlotId, OwnVoteResponse? OwnVote)
{
    public static PollResponse ForOffice(DatePoll poll, Meeting meeting)
    {
        var result = PollResult.Of(poll);
        return new PollResponse(
            poll.Id, poll.MeetingId, poll.Status, poll.Deadline, poll.Note, meeting.TimeZone,
            result.Slots.Select(t => PollSlotResponse.From(t.Slot, meeting) with
            {
                Yes = t.Yes,
                Maybe = t.Maybe,
                No = t.No,
                HostsAvailable = t.HostsAvailable,
                NoFrom = t.NoFrom,
            }).ToList(),
            result.Participants, result.Voted, result.Best, poll.ChosenSlotId, null);
    }

    public static PollResponse ForBallot(DatePoll poll, Meeting meeting, PollBallot ballot) => new(
        poll.Id, poll.MeetingId, poll.Status, poll.Deadline, poll.Note, meeting.TimeZone,
        poll.Slots.Select(s => PollSlotResponse.From(s, meeting)).ToList(), null, null, null, poll.ChosenSlotId, OwnVoteResponse.From(ballot, poll));
}

/// <summary>A slot with its local times; the office's view adds its tally.</summary>
/// <param name="HostsAvailable">Every series host answered yes or maybe.</param>
/// <param name="NoFrom">Who answered no, by name.</param>
public sealed record PollSlotResponse(
    Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string StartsAtLocal, string EndsAtLocal,
    int? Yes = null, int? Maybe = null, int? No = null, bool? HostsAvailable = null, IReadOnlyList<string>? NoFrom = null)
{
    public static PollSlotResponse From(PollSlot slot, Meeting meeting) => new(
        slot.Id, slot.StartsAt, slot.EndsAt, Local(slot.StartsAt, meeting), Local(slot.EndsAt, meeting));

    private static string Local(DateTimeOffset instant, Meeting meeting) =>
        Zones.ToLocal(instant, meeting.TimeZone).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A ballot's own vote, as its holder (or the department's key) sees it.</summary>
/// <param name="Voted">Every slot offered now has an answer.</param>
/// <param name="Delegate">The deputy the head passed the vote to.</param>
public sealed record OwnVoteResponse(
    PollBallotKind Kind, Guid? DepartmentId, string Recipient, string? Delegate, bool Voted, DateTimeOffset? VotedAt,
    IReadOnlyList<VoteItemResponse> Votes, string? Comment)
{
    public static OwnVoteResponse From(PollBallot ballot, DatePoll poll) => new(
        ballot.Kind, ballot.DepartmentId, ballot.Recipient.Name, ballot.Delegate?.Name, ballot.HasVotedOn(poll.Slots), ballot.VotedAt,
        poll.Slots.Where(s => ballot.Answers.ContainsKey(s.Id)).Select(s => new VoteItemResponse(s.Id, ballot.Answers[s.Id])).ToList(),
        ballot.Comment);
}

public sealed record VoteItemResponse(Guid SlotId, PollAnswer Answer);

/// <summary>
/// What a poll link shows its holder: the meeting's title, the poll (slots and the holder's own vote), whether a vote is
/// taken now (and why not), and — once closed with a slot — the chosen date.
/// </summary>
/// <param name="CanVote">Whether this link takes a vote now.</param>
/// <param name="WhyNot">Why not, in words (null when it can).</param>
public sealed record PollLinkView(Guid MeetingId, string Title, string? Motto, PollResponse Poll, bool CanVote, string? WhyNot, bool ForDelegate)
{
    public static PollLinkView From(DatePoll poll, Meeting meeting, PollBallot ballot, string token, DateTimeOffset now)
    {
        var why = poll.WhyNoVote(meeting, now);
        return new PollLinkView(meeting.Id, meeting.Title, meeting.Motto, PollResponse.ForBallot(poll, meeting, ballot), why is null, why, ballot.DelegateToken == token);
    }
}
