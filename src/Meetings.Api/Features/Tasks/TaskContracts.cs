using System.Text.Json.Serialization;
using Meetings.Api.Common;
using Meetings.Domain.Results;

namespace Meetings.Api.Features.Tasks;

/// <summary>One change of a task's status, or a note on its progress.</summary>
/// <param name="Via"><c>admin</c> (the office), <c>api</c> (the department's key) or <c>minutes</c> (made by the minutes).</param>
public sealed record TaskHistoryResponse(MeetingTaskStatus Status, string? Note, DateTimeOffset At, TaskChannel Via, string Actor);

/// <summary>A task (<i>Aufgabe</i>) decided in a meeting: a department must do something by a date.</summary>
/// <param name="DueOn">A local date of the meeting's zone (YYYY-MM-DD).</param>
/// <param name="History">The latest 20 changes, oldest first; <c>historyTotal</c> counts them all.</param>
public sealed record TaskResponse(
    Guid Id,
    Guid MeetingId,
    Guid SeriesId,
    string Title,
    string? Description,
    Guid DepartmentId,
    DateOnly DueOn,
    MeetingTaskStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<TaskHistoryResponse> History,
    int HistoryTotal) : IVersionedResponse
{
    public const int HistoryShown = 20;

    [JsonIgnore]
    public int Version { get; init; }

    public static TaskResponse From(MeetingTask t)
    {
        var history = t.History;
        return new TaskResponse(
            t.Id, t.MeetingId, t.SeriesId, t.Title, t.Description, t.DepartmentId, t.DueOn, t.Status, t.CreatedAt, t.UpdatedAt,
            [.. history.Skip(Math.Max(0, history.Count - HistoryShown)).Select(h => new TaskHistoryResponse(h.Status, h.Note, h.At, h.Via, h.Actor))],
            history.Count)
        { Version = t.Version };
    }
}

/// <summary>
/// A task carried over into a meeting (the minutes' <c>carriedOver</c>, <c>GET …/open-tasks</c>): <c>title</c>,
/// <c>departmentId</c>, <c>dueOn</c> and <c>status</c> always; everything else of the task — id, description, dates,
/// the history with its notes and actors — only for a caller who may read the task in full: the office, or the key of
/// the task's own department. Another department's key gets the four fields and nothing more.
/// </summary>
/// <param name="DueOn">A local date of the meeting's zone (YYYY-MM-DD).</param>
/// <param name="History">The latest 20 changes, oldest first (in full only).</param>
public sealed record CarriedOverTaskResponse(
    Guid? Id,
    Guid? MeetingId,
    Guid? SeriesId,
    string Title,
    string? Description,
    Guid DepartmentId,
    DateOnly DueOn,
    MeetingTaskStatus Status,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    IReadOnlyList<TaskHistoryResponse>? History,
    int? HistoryTotal)
{
    /// <summary>The task as <paramref name="departmentScope"/> (a department key's department; null: the office) may read it.</summary>
    public static CarriedOverTaskResponse For(MeetingTask t, Guid? departmentScope)
    {
        if (departmentScope is { } department && department != t.DepartmentId)
        {
            return new(null, null, null, t.Title, null, t.DepartmentId, t.DueOn, t.Status, null, null, null, null);
        }

        var full = TaskResponse.From(t);
        return new(full.Id, full.MeetingId, full.SeriesId, full.Title, full.Description, full.DepartmentId, full.DueOn, full.Status,
            full.CreatedAt, full.UpdatedAt, full.History, full.HistoryTotal);
    }
}

/// <summary>What a task says.</summary>
public sealed record TaskBody
{
    /// <example>Zeitplan für die E-Akte im Bauamt vorlegen</example>
    public string? Title { get; init; }

    /// <summary>The department that owns the task.</summary>
    public Guid? DepartmentId { get; init; }

    /// <summary>Due date, a local date of the meeting's zone (YYYY-MM-DD).</summary>
    /// <example>2031-12-01</example>
    public DateOnly? DueOn { get; init; }

    public string? Description { get; init; }

    public TaskInput ToInput() => new(Title, DepartmentId, DueOn, Description);
}

/// <summary>
/// A change of a task. The office may send any field (those left out stay as they are); the owner department's key
/// only <c>status</c> and <c>note</c>, its progress.
/// </summary>
public sealed record TaskUpdateBody
{
    /// <summary><c>open</c>, <c>in-progress</c>, <c>done</c> or <c>dropped</c>; done and dropped are final except for the office.</summary>
    public MeetingTaskStatus? Status { get; init; }

    /// <summary>A note on the progress, kept in the history.</summary>
    /// <example>Entwurf liegt dem Referat vor.</example>
    public string? Note { get; init; }

    public string? Title { get; init; }

    public Guid? DepartmentId { get; init; }

    public DateOnly? DueOn { get; init; }

    public string? Description { get; init; }

    [JsonIgnore]
    public bool ChangesWhat => Title is not null || DepartmentId is not null || DueOn is not null || Description is not null;
}
