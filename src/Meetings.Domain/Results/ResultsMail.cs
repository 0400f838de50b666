using Meetings.Domain.Meetings;

namespace Meetings.Domain.Results;

/// <summary>
/// The mails of a meeting's results, for <see cref="DeliveryPlanner"/> (plan time) and <see cref="SendDecision"/> (send
/// time): the minutes to every invitee not withdrawn and every series host, once per edition; the new tasks to their
/// department's head, one mail per head and edition; each task's due and overdue mail, once per plan revision.
/// </summary>
public static class ResultsMail
{
    public static IEnumerable<Delivery> Plan(MinutesApproved a)
    {
        var (meeting, edition, at) = (a.Meeting, a.Minutes.Edition, a.At);
        foreach (var invitation in a.Meeting.Invitations.Where(i => i.IsOpen))
        {
            yield return Delivery.ForMeeting(meeting, invitation, invitation.Recipient, DeliveryKind.Minutes, Occasion.Minutes(edition), at, at);
        }

        foreach (var host in a.Series.Hosts)
        {
            yield return Delivery.ForMeeting(meeting, null, host, DeliveryKind.Minutes, Occasion.Minutes(edition), at, at);
        }

        foreach (var department in a.NewTasks.GroupBy(t => t.Task.DepartmentId))
        {
            yield return Delivery.ForTasks(meeting.Id, department.Key, null, department.First().Head, DeliveryKind.TaskAssigned, Occasion.TasksAssigned(edition), at, at);
        }
    }

    public static IEnumerable<Delivery> Plan(TaskScheduled s)
    {
        var task = s.Task;
        yield return Delivery.ForTasks(task.MeetingId, task.DepartmentId, task, s.Head, DeliveryKind.TaskDue,
            Occasion.TaskDate(false, task.Id, task.Revision, task.DueOn), task.DueReminderAt(s.DueReminder), s.At);
        yield return Delivery.ForTasks(task.MeetingId, task.DepartmentId, task, s.Head, DeliveryKind.TaskOverdue,
            Occasion.TaskDate(true, task.Id, task.Revision, task.DueOn), task.OverdueAt, s.At);
    }

    /// <summary>A queued due or overdue mail of an older plan of the task.</summary>
    public static string? Supersedes(TaskScheduled s, Delivery queued) =>
        queued.Occasion is Occasion.TaskDateOccasion o && o.Revision != s.Task.Revision ? "the task's due date or department changed" : null;

    /// <summary>Null: send it. Otherwise why not.</summary>
    public static string? WhyNotToSend(Delivery row, DeliveryFacts facts)
    {
        switch (row.Occasion)
        {
            case Occasion.MinutesOccasion m:
                return facts.Minutes is not { } minutes ? "the minutes no longer exist"
                    : minutes.Status != MinutesStatus.Approved || minutes.Edition != m.Edition ? "the minutes were re-opened" : null;
            case Occasion.TasksAssignedOccasion a:
                return facts.Minutes is not { } held ? "the minutes no longer exist"
                    : held.Edition != a.Edition || held.Status != MinutesStatus.Approved ? "the minutes were re-opened"
                    : facts.Tasks.Any(t => t.IsPending) ? null : "none of the tasks is open any more";
            case Occasion.TaskDateOccasion d:
                return facts.Tasks.FirstOrDefault(t => t.Id == d.TaskId) is not { } task ? "the task no longer exists"
                    : task.IsFinal ? $"the task is {task.Status.ToString().ToLowerInvariant()}"
                    : task.Revision != d.Revision || task.DueOn != d.DueOn ? "superseded by a newer plan"
                    : null;
            default:
                return "not a mail about results";
        }
    }

    public static bool IsResultsMail(DeliveryKind kind) =>
        kind is DeliveryKind.Minutes or DeliveryKind.TaskAssigned or DeliveryKind.TaskDue or DeliveryKind.TaskOverdue;
}
