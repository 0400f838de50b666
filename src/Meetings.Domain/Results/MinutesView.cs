using Meetings.Domain.Meetings;

namespace Meetings.Domain.Results;

/// <summary>Someone who attended or was absent, with the department they came for.</summary>
public sealed record MinutesPerson(string Name, string? Department);

/// <summary>One agenda item of the minutes with its entries, in the order of an Ergebnisprotokoll (decisions first).</summary>
public sealed record MinutesSection(AgendaItem? Item, IReadOnlyList<MinutesEntry> Entries);

/// <summary>
/// The minutes as everyone reads them — the API, the mail, the answer page: the stored minutes with what is read from
/// elsewhere: attendees and absentees from the attendance record (from the answers while attendance is not recorded
/// yet), the tasks its entries hold, and the series' tasks carried over into this meeting.
/// </summary>
public sealed record MinutesView(
    Minutes Minutes,
    Meeting Meeting,
    IReadOnlyList<MinutesPerson> Attendees,
    IReadOnlyList<MinutesPerson> Absent,
    IReadOnlyDictionary<Guid, MeetingTask> Tasks,
    IReadOnlyList<MeetingTask> CarriedOver,
    IReadOnlyDictionary<Guid, string> DepartmentNames)
{
    private static readonly MinutesEntryKind[] Order =
        [MinutesEntryKind.Decision, MinutesEntryKind.Task, MinutesEntryKind.Recommendation, MinutesEntryKind.Finding, MinutesEntryKind.Note];

    public MinutesStatus Status => Minutes.Status;

    public int Edition => Minutes.Edition;

    /// <param name="meeting">With its invitations and agenda.</param>
    /// <param name="tasks">The tasks of this meeting.</param>
    /// <param name="seriesTasks">Tasks of the series' earlier meetings (those carried over are picked).</param>
    public static MinutesView Of(
        Minutes minutes, Meeting meeting, IEnumerable<MeetingTask> tasks, IEnumerable<MeetingTask> seriesTasks, IReadOnlyDictionary<Guid, string> departmentNames)
    {
        var attendees = new List<MinutesPerson>();
        var absent = new List<MinutesPerson>();
        foreach (var invitation in meeting.Invitations.Where(i => i.IsOpen).OrderBy(i => i.Kind).ThenBy(i => i.Recipient.Name, StringComparer.Ordinal))
        {
            var department = invitation.DepartmentId is { } id ? departmentNames.GetValueOrDefault(id) : null;
            var person = new MinutesPerson(invitation.MailRecipient.Name, department);
            var came = meeting.Status == MeetingStatus.Completed
                ? invitation.Attended
                : invitation.Status switch { AnswerStatus.Accepted or AnswerStatus.Delegated => true, AnswerStatus.Declined => false, _ => (bool?)null };
            (came == true ? attendees : came == false ? absent : null)?.Add(came == false ? person with { Name = invitation.Recipient.Name } : person);
        }

        return new MinutesView(
            minutes, meeting, attendees, absent, tasks.Where(t => t.MeetingId == meeting.Id).ToDictionary(t => t.Id),
            [.. seriesTasks.Where(t => t.IsCarriedInto(meeting)).OrderBy(t => t.DueOn).ThenBy(t => t.Title, StringComparer.Ordinal)],
            departmentNames);
    }

    /// <summary>The general entries (no agenda item, or one removed since) first, then each agenda item in order with its entries; empty items are left out.</summary>
    public IReadOnlyList<MinutesSection> Sections()
    {
        var entries = Minutes.Entries;
        var sections = new List<MinutesSection>();
        var items = Meeting.Agenda.Items.Select(i => i.Id).ToHashSet();
        // an entry whose agenda item was removed since stays, among the general ones: nothing written is lost
        var general = Sorted(entries.Where(e => e.AgendaItemId is not { } item || !items.Contains(item)));
        if (general.Count > 0)
        {
            sections.Add(new MinutesSection(null, general));
        }

        foreach (var item in Meeting.Agenda.Items)
        {
            var own = Sorted(entries.Where(e => e.AgendaItemId == item.Id));
            if (own.Count > 0)
            {
                sections.Add(new MinutesSection(item, own));
            }
        }

        return sections;
    }

    /// <summary>The task an entry holds.</summary>
    public MeetingTask? TaskOf(MinutesEntry entry) => entry.TaskId is { } id ? Tasks.GetValueOrDefault(id) : null;

    /// <summary>The tasks of the minutes by department (by name), each by due date.</summary>
    public IReadOnlyList<(string Department, IReadOnlyList<MeetingTask> Tasks)> TasksByDepartment() =>
        [.. Minutes.Entries.Select(TaskOf).OfType<MeetingTask>()
            .GroupBy(t => DepartmentName(t.DepartmentId))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<MeetingTask>)[.. g.OrderBy(t => t.DueOn).ThenBy(t => t.Title, StringComparer.Ordinal)]))];

    public string DepartmentName(Guid id) => DepartmentNames.GetValueOrDefault(id) ?? id.ToString();

    private static List<MinutesEntry> Sorted(IEnumerable<MinutesEntry> entries) =>
        [.. entries.OrderBy(e => Array.IndexOf(Order, e.Kind)).ThenBy(e => e.Position)];
}
