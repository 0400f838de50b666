using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;

namespace Meetings.Domain.Results;

public enum MinutesStatus
{
    Draft,
    Approved,
}

/// <summary>The kinds of an <i>Ergebnisprotokoll</i>'s entries: Beschluss, Aufgabe, Empfehlung, Feststellung, Notiz.</summary>
public enum MinutesEntryKind
{
    Decision,
    Task,
    Recommendation,
    Finding,
    Note,
}

/// <summary>One entry of the minutes, under an agenda item (or none: general). An entry of kind task holds its task.</summary>
public sealed class MinutesEntry
{
    public const int TextMaxLength = 4000;

    private MinutesEntry()
    {
        Text = string.Empty;
    }

    public Guid Id { get; private set; }
    public int Position { get; internal set; }
    public Guid? AgendaItemId { get; internal set; }
    public MinutesEntryKind Kind { get; internal set; }
    public string Text { get; internal set; }
    public Guid? TaskId { get; internal set; }

    internal static MinutesEntry New() => new() { Id = Ids.New() };
}

/// <summary>One entry as written: <paramref name="Id"/> names an entry to keep (and its task to update); null adds one.</summary>
public sealed record MinutesEntryInput(Guid? Id, Guid? AgendaItemId, MinutesEntryKind? Kind, string? Text, TaskInput? Task);

/// <summary>What a save of the minutes did to the tasks: made, and removed (tasks of draft entries that were taken out).</summary>
public sealed record MinutesSaved(IReadOnlyList<MeetingTask> Created, IReadOnlyList<MeetingTask> Removed);

/// <summary>
/// The minutes (<i>Ergebnisprotokoll</i>) of one meeting: a draft the office writes once the meeting has started, then
/// approved (read-only, mailed to every invitee and host); re-opened with a reason as the next <see cref="Edition"/>, a
/// draft again, whose approval mails the corrected version. The tasks its entries hold are aggregates of their own
/// (<see cref="MeetingTask"/>); attendees, absentees and the carried-over tasks are read from the meeting and the series.
/// </summary>
public sealed class Minutes : AggregateRoot, IVersioned
{
    public const int MaxEntries = 200;
    public const int ReasonMaxLength = 1000;

    private readonly List<MinutesEntry> _entries = [];

    private Minutes()
    {
    }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public MinutesStatus Status { get; private set; }

    /// <summary>The minutes' version as the API shows it: 1, then + 1 with every re-opening.</summary>
    public int Edition { get; private set; }

    public Person? Keeper { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? ReopenReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>The entries in their order.</summary>
    public IReadOnlyList<MinutesEntry> Entries => [.. _entries.OrderBy(e => e.Position)];

    /// <summary>Empty draft minutes of a meeting that has started and was not cancelled.</summary>
    public static Minutes Start(Meeting meeting, DateTimeOffset now)
    {
        MeetingTask.EnsureMayHoldTasks(meeting, now);
        return new Minutes { Id = Ids.New(), MeetingId = meeting.Id, Status = MinutesStatus.Draft, Edition = 1, CreatedAt = now, UpdatedAt = now };
    }

    /// <summary>
    /// Replaces keeper and entries of draft minutes. Entries with an id are kept (their task updated), others added; an
    /// entry left out is removed, and so is the task of a removed task entry — unless the task was announced (approved
    /// minutes before a re-opening): that one the office drops instead (409), so nothing announced silently vanishes.
    /// </summary>
    public MinutesSaved Replace(
        Meeting meeting, PersonInput? keeper, IReadOnlyList<MinutesEntryInput> entries, IReadOnlyCollection<MeetingTask> tasks,
        IReadOnlySet<Guid> departments, Func<Guid, Person?> heads, TimeSpan dueReminder, DateTimeOffset now, string actor)
    {
        EnsureDraft();
        MeetingTask.EnsureMayHoldTasks(meeting, now);
        var errors = new ValidationErrors();
        var newKeeper = keeper is null || (keeper.Name is null && keeper.Email is null) ? null : Person.Create(errors, "keeper", keeper);
        if (entries.Count > MaxEntries)
        {
            errors.Add("entries", $"must hold at most {MaxEntries} entries.");
            errors.ThrowIfAny();
        }

        var agenda = meeting.AgendaItems.Select(i => i.Id).ToHashSet();
        var byId = _entries.ToDictionary(e => e.Id);
        var taskById = tasks.ToDictionary(t => t.Id);
        var seen = new HashSet<Guid>();
        var created = new List<MeetingTask>();
        var kept = new List<(MinutesEntry Entry, MinutesEntryInput Input, string Text)>();
        for (var i = 0; i < entries.Count; i++)
        {
            var (input, field) = (entries[i], $"entries[{i}]");
            if (input is null)
            {
                errors.Add(field, "is required.");
                continue;
            }

            if (input.Id is { } id && (!byId.ContainsKey(id) || !seen.Add(id)))
            {
                errors.Add(field + ".id", seen.Contains(id) && byId.ContainsKey(id) ? "names an entry twice." : "names no entry of these minutes.");
            }

            if (input.AgendaItemId is { } item && !agenda.Contains(item))
            {
                errors.Add(field + ".agendaItemId", "names no item of this meeting's agenda.");
            }

            var kind = errors.Required(field + ".kind", input.Kind);
            var text = errors.MultilineText(field + ".text", input.Text, MinutesEntry.TextMaxLength);
            if (input.Kind == MinutesEntryKind.Task && input.Task is null)
            {
                errors.Add(field + ".task", "is required for an entry of kind task.");
            }
            else if (input.Kind is not null and not MinutesEntryKind.Task && input.Task is not null)
            {
                errors.Add(field + ".task", "is only for an entry of kind task.");
            }

            if (kind == MinutesEntryKind.Task && input.Task is { } taskInput)
            {
                var existing = input.Id is { } entryId && byId.TryGetValue(entryId, out var entry) && entry.TaskId is { } taskId ? taskById.GetValueOrDefault(taskId) : null;
                if (existing is null)
                {
                    try
                    {
                        created.Add(MeetingTask.Create(meeting, taskInput, departments, field + ".task.", now, TaskChannel.Minutes, actor));
                    }
                    catch (DomainValidationException e)
                    {
                        foreach (var (key, messages) in e.Errors)
                        {
                            foreach (var message in messages)
                            {
                                errors.Add(key, message);
                            }
                        }
                    }
                }
            }

            kept.Add((input.Id is { } keep && byId.TryGetValue(keep, out var old) ? old : MinutesEntry.New(), input, text));
        }

        errors.ThrowIfAny();

        // What goes: entries left out, and the tasks of entries that no longer are task entries.
        var keptIds = kept.Select(k => k.Entry.Id).ToHashSet();
        var removedTasks = _entries.Where(e => !keptIds.Contains(e.Id) && e.TaskId is not null).Select(e => e.TaskId!.Value)
            .Concat(kept.Where(k => k.Entry.TaskId is not null && k.Input.Kind != MinutesEntryKind.Task).Select(k => k.Entry.TaskId!.Value))
            .Select(id => taskById.GetValueOrDefault(id)).OfType<MeetingTask>().ToList();
        if (removedTasks.FirstOrDefault(t => t.IsAnnounced) is { } announced)
        {
            throw new DomainException($"The task '{announced.Title}' was announced with approved minutes; drop it (PUT /api/tasks/{announced.Id}) instead of removing its entry.");
        }

        // Updates of the tasks that stay (validated with the whole request before anything changes).
        var createdQueue = new Queue<MeetingTask>(created);
        for (var i = 0; i < kept.Count; i++)
        {
            var (entry, input, _) = kept[i];
            if (input.Kind == MinutesEntryKind.Task && entry.TaskId is { } taskId && taskById.GetValueOrDefault(taskId) is { } task)
            {
                task.Revise(input.Task!, departments, $"entries[{i}].task.", heads, dueReminder, now);
            }
        }

        _entries.RemoveAll(e => !keptIds.Contains(e.Id));
        for (var i = 0; i < kept.Count; i++)
        {
            var (entry, input, text) = kept[i];
            entry.Position = i + 1;
            entry.AgendaItemId = input.AgendaItemId;
            entry.Kind = input.Kind!.Value;
            entry.Text = text;
            if (entry.Kind != MinutesEntryKind.Task)
            {
                entry.TaskId = null;
            }
            else if (entry.TaskId is null || !taskById.ContainsKey(entry.TaskId.Value))
            {
                entry.TaskId = createdQueue.Dequeue().Id;
            }

            if (!_entries.Contains(entry))
            {
                _entries.Add(entry);
            }
        }

        Keeper = newKeeper;
        UpdatedAt = now;
        return new MinutesSaved(created, removedTasks);
    }

    /// <summary>
    /// Approves draft minutes: read-only from now on, mailed to every invitee not withdrawn and every series host; the
    /// tasks not announced before are announced (each department head hears of its new tasks in one mail).
    /// </summary>
    public void Approve(Meeting meeting, Series series, IReadOnlyCollection<MeetingTask> tasks, Func<Guid, Person?> heads, TimeSpan dueReminder, DateTimeOffset now)
    {
        EnsureDraft();
        MeetingTask.EnsureMayHoldTasks(meeting, now);
        Status = MinutesStatus.Approved;
        ApprovedAt = now;
        UpdatedAt = now;
        var holds = _entries.Select(e => e.TaskId).OfType<Guid>().ToHashSet();
        var announced = new List<(Person Head, MeetingTask Task)>();
        foreach (var task in tasks.Where(t => holds.Contains(t.Id) && !t.IsAnnounced).OrderBy(t => t.DueOn))
        {
            if (heads(task.DepartmentId) is { } head)
            {
                task.Announce(Edition, head, dueReminder, now);
                announced.Add((head, task));
            }
        }

        Raise(new MinutesApproved(this, meeting, series, announced, now));
    }

    /// <summary>Makes approved minutes a draft again, as the next edition; its approval mails the corrected version.</summary>
    public void Reopen(string? reason, DateTimeOffset now)
    {
        if (Status != MinutesStatus.Approved)
        {
            throw new DomainException("Only approved minutes can be re-opened; these are a draft.");
        }

        var errors = new ValidationErrors();
        var validReason = errors.MultilineText("reason", reason, ReasonMaxLength);
        errors.ThrowIfAny();
        Status = MinutesStatus.Draft;
        Edition++;
        ReopenReason = validReason;
        ApprovedAt = null;
        UpdatedAt = now;
    }

    private void EnsureDraft()
    {
        if (Status != MinutesStatus.Draft)
        {
            throw new DomainException("Approved minutes are read-only; re-open them (POST …/minutes/reopen) to correct them.");
        }
    }
}

/// <summary>Minutes were approved: their mails go out, and each department head with new tasks hears of them.</summary>
public sealed record MinutesApproved(Minutes Minutes, Meeting Meeting, Series Series, IReadOnlyList<(Person Head, MeetingTask Task)> NewTasks, DateTimeOffset At) : IDomainEvent;
