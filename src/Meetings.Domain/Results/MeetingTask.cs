using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;

namespace Meetings.Domain.Results;

public enum MeetingTaskStatus
{
    Open,
    InProgress,
    Done,
    Dropped,
}

/// <summary>Who changed a task, and how: the office, a department's key (its progress), or the minutes that hold it.</summary>
public enum TaskChannel
{
    Admin,
    Api,
    Minutes,
}

/// <summary>One change of a task's status (or a note on its progress), kept for good.</summary>
public sealed class TaskHistoryEntry
{
    public const int NoteMaxLength = 2000;
    public const int ActorMaxLength = 300;

    private TaskHistoryEntry()
    {
        Actor = string.Empty;
    }

    internal TaskHistoryEntry(MeetingTaskStatus status, string? note, DateTimeOffset at, TaskChannel via, string actor)
    {
        Status = status;
        Note = note;
        At = at;
        Via = via;
        Actor = actor.Length > ActorMaxLength ? actor[..ActorMaxLength] : actor;
    }

    public long Id { get; private set; }
    public MeetingTaskStatus Status { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset At { get; private set; }
    public TaskChannel Via { get; private set; }
    public string Actor { get; private set; }
}

/// <summary>What a task says: title, owner department, due date (a local date of the meeting's zone), description.</summary>
public sealed record TaskInput(string? Title, Guid? DepartmentId, DateOnly? DueOn, string? Description);

/// <summary>
/// An <i>Aufgabe</i>: someone (a department) must do something by a date, decided in a meeting. Its own aggregate:
/// a department's key reports progress on it while the office works on the minutes. A task of draft minutes is not
/// <see cref="IsAnnounced"/> yet: nobody but the office sees it, and no mail is planned for it, until the minutes are
/// approved (a task made directly is announced at once). <see cref="Revision"/> names the current plan of its due and
/// overdue mails: it rises whenever that plan changes (a new date, another department, re-opened), so mails of an
/// older plan are skipped.
/// </summary>
public sealed class MeetingTask : AggregateRoot, IVersioned
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    /// <summary>A due date no later than this many years after the meeting.</summary>
    public const int MaxYearsAhead = 5;

    /// <summary>The local hour (in the meeting's zone) at which the due and overdue mails go out.</summary>
    public const int MailHour = 8;

    private readonly List<TaskHistoryEntry> _history = [];

    private MeetingTask()
    {
        Title = string.Empty;
        TimeZone = Zones.Default;
    }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public Guid SeriesId { get; private set; }
    public string Title { get; private set; }
    public string? Description { get; private set; }
    public Guid DepartmentId { get; private set; }
    public DateOnly DueOn { get; private set; }

    /// <summary>The meeting's zone: the due date is a day of it, the mails go out at <see cref="MailHour"/> of it.</summary>
    public string TimeZone { get; private set; }

    public MeetingTaskStatus Status { get; private set; }

    /// <summary>The start of the meeting it was decided in (what "earlier meetings" of the series compares).</summary>
    public DateTimeOffset MeetingStartsAt { get; private set; }

    /// <summary>Set when the task became known beyond the office (minutes approved, or made directly).</summary>
    public DateTimeOffset? AnnouncedAt { get; private set; }

    /// <summary>The edition of the minutes whose approval announced it (null: made directly, or not yet announced).</summary>
    public int? AnnouncedInEdition { get; private set; }

    public int Revision { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<TaskHistoryEntry> History => [.. _history.OrderBy(h => h.At).ThenBy(h => h.Id == 0).ThenBy(h => h.Id)];

    public bool IsAnnounced => AnnouncedAt is not null;

    public bool IsFinal => Status is MeetingTaskStatus.Done or MeetingTaskStatus.Dropped;

    /// <summary>Open or in progress: still to do.</summary>
    public bool IsPending => !IsFinal;

    /// <summary>Pending and its due date has passed in the meeting's zone (the day after it has begun).</summary>
    public bool IsOverdue(DateTimeOffset now) => IsPending && DueOn < DateOnly.FromDateTime(Zones.ToLocal(now, TimeZone).DateTime);

    /// <summary>A task made directly by the office (announced at once), or by an entry of draft minutes (announced on approval).</summary>
    public static MeetingTask Create(Meeting meeting, TaskInput input, IReadOnlySet<Guid> departments, string fieldPrefix, DateTimeOffset now, TaskChannel via, string actor)
    {
        EnsureMayHoldTasks(meeting, now);
        var errors = new ValidationErrors();
        var task = new MeetingTask
        {
            Id = Ids.New(),
            MeetingId = meeting.Id,
            SeriesId = meeting.SeriesId,
            TimeZone = meeting.TimeZone,
            MeetingStartsAt = meeting.StartsAt,
            Status = MeetingTaskStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
        };
        task.Apply(errors, fieldPrefix, input, departments);
        errors.ThrowIfAny();
        task._history.Add(new TaskHistoryEntry(MeetingTaskStatus.Open, null, now, via, actor));
        return task;
    }

    /// <summary>Tasks belong to a meeting that has started (results are recorded after it) and was not cancelled.</summary>
    public static void EnsureMayHoldTasks(Meeting meeting, DateTimeOffset now)
    {
        if (meeting.Status is not (MeetingStatus.Published or MeetingStatus.Completed))
        {
            throw new DomainException($"A {meeting.Status.ToString().ToLowerInvariant()} meeting has no results to record.");
        }

        if (meeting.StartsAt > now)
        {
            throw new DomainException("The meeting has not started yet; its results are recorded once it has.");
        }
    }

    /// <summary>The task becomes known: its department is told (the caller plans that mail) and its due and overdue mails are planned.</summary>
    public void Announce(int? edition, Person head, TimeSpan dueReminder, DateTimeOffset now)
    {
        if (IsAnnounced)
        {
            throw new DomainException("The task was announced already.");
        }

        AnnouncedAt = now;
        AnnouncedInEdition = edition;
        Replan(head, dueReminder, now);
    }

    /// <summary>The office changes what the task says. An announced task's mails follow a new date or department.</summary>
    public void Revise(TaskInput input, IReadOnlySet<Guid> departments, string fieldPrefix, Func<Guid, Person?> heads, TimeSpan dueReminder, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var (dueOn, department) = (DueOn, DepartmentId);
        Apply(errors, fieldPrefix, input, departments);
        errors.ThrowIfAny();
        UpdatedAt = now;
        if (IsAnnounced && IsPending && (dueOn != DueOn || department != DepartmentId) && heads(DepartmentId) is { } head)
        {
            Replan(head, dueReminder, now);
        }
    }

    /// <summary>
    /// A new status (and a note on the progress). The office may do anything; a department's key may not change a done
    /// or dropped task (final), and nobody can set a task to what it is without a note. Re-opening plans its mails anew.
    /// </summary>
    public void Progress(MeetingTaskStatus status, string? note, bool byOffice, Func<Guid, Person?> heads, TimeSpan dueReminder, DateTimeOffset now, string actor)
    {
        var errors = new ValidationErrors();
        var validNote = errors.OptionalMultilineText("note", note, TaskHistoryEntry.NoteMaxLength);
        errors.ThrowIfAny();
        if (IsFinal && status != Status && !byOffice)
        {
            throw new DomainException($"The task is {Name(Status)}; only the office can re-open it.");
        }

        if (status == Status && validNote is null)
        {
            return; // repeating the current status changes nothing
        }

        var reopened = IsFinal && !(status is MeetingTaskStatus.Done or MeetingTaskStatus.Dropped);
        Status = status;
        UpdatedAt = now;
        _history.Add(new TaskHistoryEntry(status, validNote, now, byOffice ? TaskChannel.Admin : TaskChannel.Api, actor));
        if (reopened && IsAnnounced && heads(DepartmentId) is { } head)
        {
            Replan(head, dueReminder, now);
        }
    }

    /// <summary>The department has a new head: a pending announced task's due and overdue mails go to the new head instead.</summary>
    public void Readdress(Person head, TimeSpan dueReminder, DateTimeOffset now)
    {
        if (IsAnnounced && IsPending)
        {
            Replan(head, dueReminder, now);
        }
    }

    /// <summary>The status the task had at <paramref name="instant"/> (null: it did not exist then).</summary>
    public MeetingTaskStatus? StatusAt(DateTimeOffset instant) =>
        CreatedAt > instant ? null : History.LastOrDefault(h => h.At <= instant)?.Status ?? MeetingTaskStatus.Open;

    /// <summary>
    /// Carried over into <paramref name="meeting"/>: a known task of an earlier meeting of the same series that was still
    /// open or in progress when <paramref name="meeting"/> started.
    /// </summary>
    public bool IsCarriedInto(Meeting meeting) =>
        IsAnnounced && SeriesId == meeting.SeriesId && MeetingId != meeting.Id && MeetingStartsAt < meeting.StartsAt
        && StatusAt(meeting.StartsAt) is MeetingTaskStatus.Open or MeetingTaskStatus.InProgress;

    /// <summary>When the reminder <paramref name="before"/> the due date goes out: <see cref="MailHour"/> of the due day, less the offset.</summary>
    public DateTimeOffset DueReminderAt(TimeSpan before) => LocalMailTime(DueOn) - before;

    /// <summary>The overdue mail: <see cref="MailHour"/> of the day after the due date.</summary>
    public DateTimeOffset OverdueAt => LocalMailTime(DueOn.AddDays(1));

    private DateTimeOffset LocalMailTime(DateOnly day)
    {
        var zone = Zones.Find(TimeZone) ?? TimeZoneInfo.Utc;
        var local = day.ToDateTime(new TimeOnly(MailHour, 0));
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private void Replan(Person head, TimeSpan dueReminder, DateTimeOffset now)
    {
        Revision++;
        Raise(new TaskScheduled(this, head, dueReminder, now));
    }

    private void Apply(ValidationErrors errors, string prefix, TaskInput input, IReadOnlySet<Guid> departments)
    {
        var title = errors.Text(prefix + "title", input.Title, TitleMaxLength);
        var description = errors.OptionalMultilineText(prefix + "description", input.Description, DescriptionMaxLength);
        var department = errors.Required(prefix + "departmentId", input.DepartmentId);
        if (input.DepartmentId is not null && department != DepartmentId && !departments.Contains(department))
        {
            errors.Add(prefix + "departmentId", "names no active department.");
        }

        var dueOn = errors.Required(prefix + "dueOn", input.DueOn);
        var meetingDay = DateOnly.FromDateTime(Zones.ToLocal(MeetingStartsAt, TimeZone).DateTime);
        if (input.DueOn is not null && (dueOn < meetingDay || dueOn > meetingDay.AddYears(MaxYearsAhead)))
        {
            errors.Add(prefix + "dueOn", $"must lie between the meeting's day ({meetingDay:yyyy-MM-dd}) and {MaxYearsAhead} years after it.");
        }

        if (errors.Any)
        {
            return;
        }

        Title = title;
        Description = description;
        DepartmentId = department;
        DueOn = dueOn;
    }

    private static string Name(MeetingTaskStatus status) => status == MeetingTaskStatus.InProgress ? "in progress" : status.ToString().ToLowerInvariant();
}

/// <summary>A task's due and overdue mails are (re-)planned: it was announced, got a new date or department, or was re-opened.</summary>
public sealed record TaskScheduled(MeetingTask Task, Person Head, TimeSpan DueReminder, DateTimeOffset At) : IDomainEvent;
