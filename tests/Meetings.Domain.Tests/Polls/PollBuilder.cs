using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Meetings.Domain.Polls;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Polls;

/// <summary>A draft with a poll of three slots (in 20, 21 and 22 days, 14:00–17:00) and a deadline in 10 days.</summary>
internal static class PollBuilder
{
    public static readonly DateTimeOffset Deadline = Now.AddDays(10);

    public static PollSlotInput Slot(int days, int hour = 14, int hours = 3) =>
        new(Now.Date.AddDays(days).AddHours(hour), Now.Date.AddDays(days).AddHours(hour + hours));

    public static PollInput Input(params PollSlotInput[] slots) =>
        new(slots.Length == 0 ? [Slot(20), Slot(21), Slot(22)] : slots, Deadline, "Bitte bis zum 12. März abstimmen.");

    public static (Meeting Meeting, DatePoll Poll, Department[] Departments) Open(PollInput? input = null, int departments = 2)
    {
        var series = Series();
        var meeting = Draft(series, Now.AddDays(40));
        var directory = Enumerable.Range(10, departments).Select(n => Department(n.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        return (meeting, DatePoll.Open(meeting, series, directory, input ?? Input(), Now), directory);
    }

    public static PollVoteInput[] All(DatePoll poll, params PollAnswer[] answers) =>
        poll.Slots.Select((s, i) => new PollVoteInput(s.Id, answers[i])).ToArray();

    public static PollBallot Host(DatePoll poll, int n) => poll.Ballots.Where(b => b.Kind == PollBallotKind.Host).ElementAt(n);

    public static PollBallot Dept(DatePoll poll, int n) => poll.Ballots.Where(b => b.Kind == PollBallotKind.Department).ElementAt(n);
}
