using System.Globalization;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;

namespace Meetings.Domain.Polls;

/// <summary>What the dispatcher loads for a poll's mail: the poll as it stands (<see cref="DeliveryFacts.Area"/>).</summary>
public sealed record PollFacts(DatePoll Poll);

/// <summary>
/// The mails of a date poll: <c>date-poll</c> (the poll opened, to every participant; again to those whose votes a change
/// touched; to a participant who joins later — a new department, a delegate), <c>poll-nudge</c> (once, 2 days before the
/// deadline or at once when the poll opens later than that, to whoever has not voted then) and <c>date-chosen</c> (the
/// poll closed with a slot: "Termin steht fest"). Each row goes to the ballot's mail recipient (the delegate where there
/// is one); the letter carries that person's own poll link.
/// </summary>
public sealed class DatePollMail :
    IMailPlan<PollOpened>, IMailPlan<PollChanged>, IMailPlan<PollBallotIssued>, IMailPlan<PollClosed>, ISendRule<DeliveryFacts>
{
    private static readonly IReadOnlyList<DeliveryKind> Asking = [DeliveryKind.DatePoll, DeliveryKind.PollNudge];

    public IReadOnlyCollection<DeliveryKind> Kinds { get; } = [DeliveryKind.DatePoll, DeliveryKind.PollNudge, DeliveryKind.DateChosen];

    /// <summary>A cancellation ends the poll's queued mails: there is no date left to find.</summary>
    public bool EndsWithTheMeeting => true;

    /// <summary>The nudge's occasion: for the deadline it was planned for.</summary>
    public static Occasion NudgeOccasion(DateTimeOffset deadline) =>
        Occasion.Poll("nudge@" + deadline.UtcTicks.ToString(CultureInfo.InvariantCulture));

    public IEnumerable<Delivery> Plan(PollOpened e, MailParties parties) =>
        e.Poll.Ballots.SelectMany(b => Ask(e.Poll, b, Occasion.Poll("open"), e.At));

    public IEnumerable<Delivery> Plan(PollChanged e, MailParties parties)
    {
        foreach (var ballot in e.Poll.Ballots.Where(b => e.Touched.Contains(b.Id)))
        {
            yield return Row(e.Poll, ballot, DeliveryKind.DatePoll, Occasion.Poll("r" + e.Poll.Revision.ToString(CultureInfo.InvariantCulture)), e.At, e.At);
        }

        if (e.DeadlineChanged)
        {
            foreach (var ballot in e.Poll.Ballots)
            {
                yield return Nudge(e.Poll, ballot, e.At);
            }
        }
    }

    public SupersedeReach? Reach(PollChanged e) => e.DeadlineChanged ? SupersedeReach.OfMeeting(e.Poll.MeetingId, [DeliveryKind.PollNudge]) : null;

    public string? WhySuperseded(PollChanged e, Delivery queued) =>
        queued.Kind == DeliveryKind.PollNudge && !queued.Occasion.Equals(NudgeOccasion(e.Poll.Deadline)) ? "the poll's deadline changed" : null;

    public IEnumerable<Delivery> Plan(PollBallotIssued e, MailParties parties) =>
        Ask(e.Poll, e.Ballot, Occasion.Poll("ballot@" + e.At.UtcTicks.ToString(CultureInfo.InvariantCulture)), e.At);

    public IEnumerable<Delivery> Plan(PollClosed e, MailParties parties) => e.Chosen is null
        ? []
        : e.Poll.Ballots.Select(b => Row(e.Poll, b, DeliveryKind.DateChosen, Occasion.Poll("chosen"), e.At, e.At));

    public SupersedeReach? Reach(PollClosed e) => SupersedeReach.OfMeeting(e.Poll.MeetingId, Asking);

    public string? WhySuperseded(PollClosed e, Delivery queued) => "the poll was closed";

    public string? WhyNotToSend(Delivery row, DeliveryFacts facts, DateTimeOffset now)
    {
        if (facts.Meeting is not { } meeting)
        {
            return "the meeting no longer exists";
        }

        if (facts.AreaFacts<PollFacts>()?.Poll is not { } poll)
        {
            return "the poll no longer exists";
        }

        if (!poll.Ballots.Any(b => b.Mails(row.RecipientEmail)))
        {
            return "the poll's mails now go to someone else";
        }

        if (row.Kind == DeliveryKind.DateChosen)
        {
            return poll.Chosen is null ? "the poll ended without a date"
                : meeting.Status == MeetingStatus.Cancelled ? "the meeting was cancelled"
                : null;
        }

        if (poll.WhyNoVote(meeting, now) is { } ended)
        {
            return ended;
        }

        if (row.Kind == DeliveryKind.PollNudge)
        {
            if (!row.Occasion.Equals(NudgeOccasion(poll.Deadline)))
            {
                return "the poll's deadline changed";
            }

            if (poll.Ballots.Where(b => b.Mails(row.RecipientEmail)).All(b => b.HasVotedOn(poll.Slots)))
            {
                return "the participant has voted";
            }
        }

        return null;
    }

    private static IEnumerable<Delivery> Ask(DatePoll poll, PollBallot ballot, Occasion occasion, DateTimeOffset at)
    {
        yield return Row(poll, ballot, DeliveryKind.DatePoll, occasion, at, at);
        yield return Nudge(poll, ballot, at);
    }

    private static Delivery Nudge(DatePoll poll, PollBallot ballot, DateTimeOffset at)
    {
        var due = poll.Deadline - DatePoll.NudgeBefore;
        return Row(poll, ballot, DeliveryKind.PollNudge, NudgeOccasion(poll.Deadline), due > at ? due : at, at);
    }

    private static Delivery Row(DatePoll poll, PollBallot ballot, DeliveryKind kind, Occasion occasion, DateTimeOffset due, DateTimeOffset at) =>
        Delivery.ForMeeting(poll.MeetingId, null, ballot.MailRecipient, kind, occasion, due, at);
}
