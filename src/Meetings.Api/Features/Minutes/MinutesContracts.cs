using Meetings.Api.Common;
using Meetings.Api.Features.Tasks;
using Meetings.Domain.Directory;
using Meetings.Domain.Results;

namespace Meetings.Api.Features.Minutes;

/// <summary>Who attended or was absent, and for which department.</summary>
public sealed record MinutesPersonResponse(string Name, string? Department);

/// <summary>One entry of the minutes.</summary>
/// <param name="AgendaItemId">The agenda item it belongs to (none: general).</param>
/// <param name="TaskId">The task an entry of kind <c>task</c> holds (to a department key: only its own department's).</param>
public sealed record MinutesEntryResponse(Guid Id, Guid? AgendaItemId, MinutesEntryKind Kind, string Text, Guid? TaskId);

/// <summary>The keeper of the minutes (<i>Protokollführung</i>).</summary>
public sealed record KeeperResponse(string Name, string Email);

/// <summary>
/// The minutes (<i>Ergebnisprotokoll</i>) of a meeting. <c>version</c> counts the versions (1, then + 1 with every
/// re-opening); the ETag header is the concurrency token.
/// </summary>
/// <param name="Attendees">From the attendance record (from the answers while attendance is not recorded).</param>
/// <param name="CarriedOver">
/// The series' tasks open or in progress at the meeting's start, from earlier meetings; to a department key another
/// department's task is title, department, due date and status only.
/// </param>
public sealed record MinutesResponse(
    Guid MeetingId,
    MinutesStatus Status,
    int Version,
    KeeperResponse? Keeper,
    DateTimeOffset? ApprovedAt,
    IReadOnlyList<MinutesPersonResponse> Attendees,
    IReadOnlyList<MinutesPersonResponse> Absent,
    IReadOnlyList<MinutesEntryResponse> Entries,
    IReadOnlyList<CarriedOverTaskResponse> CarriedOver) : IVersionedResponse
{
    private int _etag;

    int IVersionedResponse.Version => _etag;

    /// <param name="departmentScope">A department key's department (another department's tasks are summaries); null: the office.</param>
    public static MinutesResponse From(MinutesView view, Guid? departmentScope = null)
    {
        var m = view.Minutes;
        return new MinutesResponse(
            m.MeetingId, m.Status, m.Edition, m.Keeper is { } k ? new KeeperResponse(k.Name, k.Email) : null, m.ApprovedAt,
            [.. view.Attendees.Select(p => new MinutesPersonResponse(p.Name, p.Department))],
            [.. view.Absent.Select(p => new MinutesPersonResponse(p.Name, p.Department))],
            [.. m.Entries.Select(e => new MinutesEntryResponse(e.Id, e.AgendaItemId, e.Kind, e.Text, OwnTask(view, e.TaskId, departmentScope)))],
            [.. view.CarriedOver.Select(t => CarriedOverTaskResponse.For(t, departmentScope))])
        { _etag = m.Version };
    }

    /// <summary>The id of an entry's task, unless it is another department's and the reader a department key (no id of another's task leaves).</summary>
    private static Guid? OwnTask(MinutesView view, Guid? taskId, Guid? departmentScope) =>
        taskId is { } id && departmentScope is { } department && view.Tasks.GetValueOrDefault(id)?.DepartmentId != department ? null : taskId;
}

/// <summary>The keeper: name and e-mail.</summary>
public sealed record KeeperBody
{
    /// <example>Petra Schreiber</example>
    public string? Name { get; init; }

    /// <example>protokoll@augsburg.example</example>
    public string? Email { get; init; }

    public PersonInput ToInput() => new(Name, Email);
}

/// <summary>One entry. With <c>id</c> it replaces that entry (and updates its task); without, it adds one.</summary>
public sealed record MinutesEntryBody
{
    public Guid? Id { get; init; }

    /// <summary>The agenda item it belongs to (none: general).</summary>
    public Guid? AgendaItemId { get; init; }

    /// <summary><c>decision</c>, <c>task</c>, <c>recommendation</c>, <c>finding</c> or <c>note</c>.</summary>
    public MinutesEntryKind? Kind { get; init; }

    /// <example>Die E-Akte wird bis Ende 2032 in allen Ämtern eingeführt.</example>
    public string? Text { get; init; }

    /// <summary>Required for an entry of kind <c>task</c>, refused for the others.</summary>
    public TaskBody? Task { get; init; }
}

/// <summary>The minutes as written: keeper and every entry, in order (entries left out are removed).</summary>
public sealed record MinutesBody
{
    public KeeperBody? Keeper { get; init; }

    public IReadOnlyList<MinutesEntryBody?>? Entries { get; init; }

    public IReadOnlyList<MinutesEntryInput> ToInput() =>
        [.. (Entries ?? []).Select(e => e is null ? null! : new MinutesEntryInput(e.Id, e.AgendaItemId, e.Kind, e.Text, e.Task?.ToInput()))];
}

/// <summary>Why approved minutes are re-opened.</summary>
public sealed record ReopenBody
{
    /// <example>Beschluss zu TOP 2 war unvollständig wiedergegeben.</example>
    public string? Reason { get; init; }
}
