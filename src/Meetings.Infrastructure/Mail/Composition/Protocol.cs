using System.Globalization;
using Meetings.Domain.Common;
using Meetings.Domain.Results;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>
/// The minutes as a German <i>Ergebnisprotokoll</i> reads, in one language: the meeting, the keeper, attendees and
/// absentees, per agenda item its decisions, tasks (with department and date), recommendations, findings and notes, the
/// tasks by department, and the open points carried over from earlier minutes. The mail's templates and the answer page
/// write it alike.
/// </summary>
public sealed record Protocol(
    string Heading,
    string Meeting,
    string Edition,
    string? Keeper,
    IReadOnlyList<string> Attendees,
    IReadOnlyList<string> Absent,
    IReadOnlyList<ProtocolSection> Sections,
    IReadOnlyList<ProtocolTaskGroup> TasksByDepartment,
    IReadOnlyList<ProtocolTask> CarriedOver,
    ProtocolLabels Labels);

/// <summary>One agenda item (or "general") with its entries.</summary>
public sealed record ProtocolSection(string Title, IReadOnlyList<ProtocolEntry> Entries);

/// <summary>One entry: its kind's word (Beschluss, …), its text, and the task it holds.</summary>
public sealed record ProtocolEntry(string Kind, string Text, ProtocolTask? Task);

/// <summary>A task: its line ("Title – Department, bis 01.05.2026", in the protocol's language) and its status.</summary>
public sealed record ProtocolTask(string Title, string Department, string DueOn, string Status, string Line);

/// <summary>The tasks of one department.</summary>
public sealed record ProtocolTaskGroup(string Department, IReadOnlyList<ProtocolTask> Tasks);

public sealed record ProtocolLabels(string Attendees, string Absent, string Nobody, string TasksByDepartment, string CarriedOver);

/// <summary>Writes <see cref="Protocol"/> from the minutes as everyone reads them.</summary>
public static class ProtocolWriter
{
    /// <summary>The protocol in <paramref name="language"/> (<c>de</c> or <c>en</c>).</summary>
    public static Protocol Of(MinutesView view, string language)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = LetterFacts.CultureOf(language);
        try
        {
            return Write(view);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>The open tasks of a department carried over into a meeting, as the answer page lists them: heading and lines.</summary>
    public static (string Heading, IReadOnlyList<ProtocolTask> Tasks) OpenTasks(IEnumerable<MeetingTask> tasks, string department, string language)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = LetterFacts.CultureOf(language);
        try
        {
            return (MinutesText.OpenTasksHeading, [.. tasks.Select(t => Task(t, department))]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>A task as a line of a mail or page, in the current UI culture.</summary>
    public static ProtocolTask Task(MeetingTask task, string department)
    {
        var dueOn = task.DueOn.ToString(MinutesText.DueOnFormat, CultureInfo.CurrentUICulture);
        return new(task.Title, department, dueOn, Status(task.Status), string.Format(CultureInfo.CurrentUICulture, MinutesText.TaskLine, task.Title, department, dueOn));
    }

    private static Protocol Write(MinutesView view)
    {
        var meeting = view.Meeting;
        var day = Zones.ToLocal(meeting.StartsAt, meeting.TimeZone).ToString(MailText.DateFormat, CultureInfo.CurrentUICulture);
        var sections = view.Sections().Select(s => new ProtocolSection(
            s.Item is null ? MinutesText.General : $"{s.Item.Position}. {s.Item.Title}",
            [.. s.Entries.Select(e => new ProtocolEntry(KindName(e.Kind), e.Text, view.TaskOf(e) is { } t ? Task(t, view.DepartmentName(t.DepartmentId)) : null))])).ToList();
        return new Protocol(
            MinutesText.Protocol,
            $"{meeting.Title} – {day}",
            string.Format(CultureInfo.CurrentUICulture, MinutesText.Edition, view.Edition),
            view.Minutes.Keeper is { } keeper ? string.Format(CultureInfo.CurrentUICulture, MinutesText.Keeper, keeper.Name) : null,
            [.. view.Attendees.Select(Person)],
            [.. view.Absent.Select(Person)],
            sections,
            [.. view.TasksByDepartment().Select(g => new ProtocolTaskGroup(g.Department, [.. g.Tasks.Select(t => Task(t, g.Department))]))],
            [.. view.CarriedOver.Select(t => Task(t, view.DepartmentName(t.DepartmentId)))],
            new ProtocolLabels(MinutesText.Attendees, MinutesText.Absent, MinutesText.Nobody, MinutesText.TasksByDepartment, MinutesText.CarriedOver));
    }

    private static string Person(MinutesPerson p) => p.Department is null ? p.Name : $"{p.Name} ({p.Department})";

    private static string KindName(MinutesEntryKind kind) => kind switch
    {
        MinutesEntryKind.Decision => MinutesText.Decision,
        MinutesEntryKind.Task => MinutesText.Task,
        MinutesEntryKind.Recommendation => MinutesText.Recommendation,
        MinutesEntryKind.Finding => MinutesText.Finding,
        _ => MinutesText.Note,
    };

    private static string Status(MeetingTaskStatus status) => status switch
    {
        MeetingTaskStatus.Open => MinutesText.StatusOpen,
        MeetingTaskStatus.InProgress => MinutesText.StatusInProgress,
        MeetingTaskStatus.Done => MinutesText.StatusDone,
        _ => MinutesText.StatusDropped,
    };
}
