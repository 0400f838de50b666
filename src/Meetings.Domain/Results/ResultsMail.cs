using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;

namespace Meetings.Domain.Results;

/// <summary>
/// The mails of a meeting's results, plan time and send time: the <c>minutes</c> to every invitee not withdrawn and every series host, once per edition; the new tasks to their
/// department's head (<c>task-assigned</c>), one mail per head and edition; each task's <c>task-due</c> and
/// <c>task-overdue</c> mail, once per plan revision.
/// </summary>
public sealed class ResultsMail : IMailPlan<MinutesApproved>, IMailPlan<TaskScheduled>, ISendRule<DeliveryFacts>
{
    public IReadOnlyCollection<DeliveryKind> Kinds { get; } = [DeliveryKind.Minutes, DeliveryKind.TaskAssigned, DeliveryKind.TaskDue, DeliveryKind.TaskOverdue];

    public IEnumerable<Delivery> Plan(MinutesApproved a, MailParties parties)
    {
        var (meeting, edition, at) = (a.Meeting, a.Minutes.Edition, a.At);
        foreach (var invitation in a.Meeting.Invitations.Where(i => i.IsOpen))
        {
            yield return Delivery.ForMeeting(meeting.Id, invitation.Id, invitation.Recipient, DeliveryKind.Minutes, Occasion.Minutes(edition), at, at);
        }

        foreach (var host in a.Series.Hosts)
        {
            yield return Delivery.ForMeeting(meeting.Id, null, host, DeliveryKind.Minutes, Occasion.Minutes(edition), at, at);
        }

        foreach (var department in a.NewTasks.GroupBy(t => t.Task.DepartmentId))
        {
            yield return Delivery.ForTasks(meeting.Id, department.Key, null, department.First().Head, DeliveryKind.TaskAssigned, Occasion.TasksAssigned(edition), at, at);
        }
    }

    public IEnumerable<Delivery> Plan(TaskScheduled s, MailParties parties)
    {
        var task = s.Task;
        yield return Delivery.ForTasks(task.MeetingId, task.DepartmentId, task.Id, s.Head, DeliveryKind.TaskDue,
            Occasion.TaskDate(false, task.Id, task.Revision, task.DueOn), task.DueReminderAt(s.DueReminder), s.At);
        yield return Delivery.ForTasks(task.MeetingId, task.DepartmentId, task.Id, s.Head, DeliveryKind.TaskOverdue,
            Occasion.TaskDate(true, task.Id, task.Revision, task.DueOn), task.OverdueAt, s.At);
    }

    /// <summary>The task's queued due and overdue mails.</summary>
    public SupersedeReach? Reach(TaskScheduled s) => SupersedeReach.OfTask(s.Task.Id);

    /// <summary>A queued due or overdue mail of an older plan of the task.</summary>
    public string? WhySuperseded(TaskScheduled s, Delivery queued) =>
        queued.Occasion is Occasion.TaskDateOccasion o && o.Revision != s.Task.Revision ? "the task's due date or department changed" : null;

    /// <summary>Null: send it. Otherwise why not.</summary>
    public string? WhyNotToSend(Delivery row, DeliveryFacts facts, DateTimeOffset now)
    {
        if (facts.Meeting is null)
        {
            return "the meeting no longer exists";
        }

        var results = ResultsFacts.Of(facts);
        switch (row.Occasion)
        {
            case Occasion.MinutesOccasion m:
                return results.Minutes is not { } minutes ? "the minutes no longer exist"
                    : minutes.Status != MinutesStatus.Approved || minutes.Edition != m.Edition ? "the minutes were re-opened" : null;
            case Occasion.TasksAssignedOccasion a:
                return results.Minutes is not { } held ? "the minutes no longer exist"
                    : held.Edition != a.Edition || held.Status != MinutesStatus.Approved ? "the minutes were re-opened"
                    : results.Tasks.Any(t => t.IsPending) ? null : "none of the tasks is open any more";
            case Occasion.TaskDateOccasion d:
                return results.Tasks.FirstOrDefault(t => t.Id == d.TaskId) is not { } task ? "the task no longer exists"
                    : task.IsFinal ? $"the task is {task.Status.ToString().ToLowerInvariant()}"
                    : task.Revision != d.Revision || task.DueOn != d.DueOn ? "superseded by a newer plan"
                    : null;
            default:
                return "not a mail about results";
        }
    }
}

/// <summary>
/// What a results mail is about, loaded per dispatch batch (<see cref="DeliveryFacts.Area"/>): the minutes as approved,
/// and the tasks of the row — the department's new tasks of the edition, or the one task due (or an invitation's
/// carried-over tasks).
/// </summary>
public sealed record ResultsFacts(MinutesView? Minutes, IReadOnlyList<MeetingTask> Tasks)
{
    public static readonly ResultsFacts None = new(null, []);

    /// <summary>The minutes and tasks a row is about (none for a row that is not about results).</summary>
    public static ResultsFacts Of(DeliveryFacts facts) => facts.AreaFacts<ResultsFacts>() ?? None;
}
