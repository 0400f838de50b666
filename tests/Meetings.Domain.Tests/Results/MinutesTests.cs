using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Domain.Results;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Results;

/// <summary>The rules of the minutes: when they may be written, what entries hold, approval and re-opening, and their mails.</summary>
public sealed class MinutesTests
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private static readonly DateTimeOffset Start = Now.AddDays(2);
    private static readonly DateTimeOffset After = Start.AddHours(4);

    private static readonly Department Office = Department("10");

    private static (Series Series, Meeting Meeting) Held()
    {
        var series = Series();
        return (series, Published(series, Start, Office));
    }

    private static Person? Heads(Guid id) => id == Office.Id ? Office.Head : null;

    private static MinutesSaved Write(Minutes minutes, Meeting meeting, IReadOnlyCollection<MeetingTask> tasks, params MinutesEntryInput[] entries) =>
        minutes.Replace(meeting, new PersonInput("Petra Schreiber", "protokoll@augsburg.example"), entries, tasks, new HashSet<Guid> { Office.Id }, Heads, Week, After, "office");

    private static MinutesEntryInput TaskEntry(Guid? id = null, DateOnly? dueOn = null) =>
        new(id, null, MinutesEntryKind.Task, "Das Amt legt einen Zeitplan vor.", new TaskInput("Zeitplan", Office.Id, dueOn ?? new DateOnly(2026, 4, 30), null));

    [Fact]
    public void Minutes_can_be_started_only_once_the_meeting_has_begun_and_not_for_a_cancelled_one()
    {
        var (series, meeting) = Held();
        var cancelled = Published(series, Start, Office);
        cancelled.Cancel(null, Now);

        Assert.Throws<DomainException>(() => Minutes.Start(meeting, Now));
        Assert.Throws<DomainException>(() => Minutes.Start(cancelled, After));
        Assert.Equal(MinutesStatus.Draft, Minutes.Start(meeting, After).Status);
    }

    [Fact]
    public void A_task_entry_makes_its_task_and_with_its_id_updates_it()
    {
        var (_, meeting) = Held();
        var minutes = Minutes.Start(meeting, After);

        var first = Write(minutes, meeting, [], TaskEntry());
        var task = Assert.Single(first.Created);
        var entry = Assert.Single(minutes.Entries);
        var second = Write(minutes, meeting, [task], TaskEntry(entry.Id, new DateOnly(2026, 5, 15)));

        Assert.Equal(task.Id, entry.TaskId);
        Assert.Empty(second.Created);
        Assert.Equal(new DateOnly(2026, 5, 15), task.DueOn);
        Assert.False(task.IsAnnounced); // known beyond the office only once the minutes are approved
    }

    [Fact]
    public void An_entry_of_kind_task_needs_its_task_and_others_may_not_carry_one()
    {
        var (_, meeting) = Held();
        var minutes = Minutes.Start(meeting, After);

        var e = Assert.Throws<DomainValidationException>(() => Write(minutes, meeting, [],
            new MinutesEntryInput(null, null, MinutesEntryKind.Task, "ohne", null),
            new MinutesEntryInput(null, null, MinutesEntryKind.Note, "mit", new TaskInput("x", Office.Id, new DateOnly(2026, 4, 1), null)),
            new MinutesEntryInput(null, Guid.NewGuid(), MinutesEntryKind.Decision, "x", null)));

        Assert.Equal(["entries[0].task", "entries[1].task", "entries[2].agendaItemId"], e.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(minutes.Entries);
    }

    [Fact]
    public void Approved_minutes_are_read_only_until_reopened_as_the_next_version()
    {
        var (series, meeting) = Held();
        var minutes = Minutes.Start(meeting, After);
        Write(minutes, meeting, [], new MinutesEntryInput(null, null, MinutesEntryKind.Decision, "Beschlossen.", null));
        minutes.Approve(meeting, series, [], Heads, Week, After);

        Assert.Throws<DomainException>(() => Write(minutes, meeting, [], new MinutesEntryInput(null, null, MinutesEntryKind.Note, "später", null)));
        Assert.Throws<DomainValidationException>(() => minutes.Reopen(" ", After));
        minutes.Reopen("TOP 1 unvollständig", After);

        Assert.Equal((MinutesStatus.Draft, 2), (minutes.Status, minutes.Edition));
        Assert.Throws<DomainException>(() => minutes.Reopen("noch einmal", After));
    }

    [Fact]
    public void Approval_plans_one_minutes_mail_per_invitee_and_host_and_one_task_mail_per_head()
    {
        var (series, meeting) = Held();
        var minutes = Minutes.Start(meeting, After);
        var tasks = Write(minutes, meeting, [], TaskEntry(), TaskEntry()).Created;

        minutes.Approve(meeting, series, tasks, Heads, Week, After);
        var rows = minutes.DomainEvents.Concat(tasks.SelectMany(t => t.DomainEvents)).SelectMany(e => MailPlans.Plan(e, MailParties.None)).ToList();

        var mails = rows.Where(r => r.Kind == DeliveryKind.Minutes).ToList();
        Assert.Equal(meeting.Invitations.Select(i => i.Recipient.Email).Order(StringComparer.Ordinal).ToList(),
            mails.Select(m => m.RecipientEmail).Distinct().Order(StringComparer.Ordinal).ToList()); // the hosts' invitations and their series entries are one key
        Assert.All(mails, m => Assert.Equal(Occasion.Minutes(1), m.Occasion));
        var assigned = Assert.Single(rows, r => r.Kind == DeliveryKind.TaskAssigned);
        Assert.Equal((Office.Head.Email, Occasion.TasksAssigned(1)), (assigned.RecipientEmail, assigned.Occasion));
        Assert.Equal(2, rows.Count(r => r.Kind == DeliveryKind.TaskDue));
        Assert.All(tasks, t => Assert.True(t.IsAnnounced));
    }

    [Fact]
    public void A_removed_entry_removes_its_draft_task_but_an_announced_task_must_be_dropped_instead()
    {
        var (series, meeting) = Held();
        var minutes = Minutes.Start(meeting, After);
        var draftTask = Write(minutes, meeting, [], TaskEntry()).Created.Single();

        var removed = Write(minutes, meeting, [draftTask], new MinutesEntryInput(null, null, MinutesEntryKind.Note, "nur Notiz", null));
        var announced = Write(minutes, meeting, [], TaskEntry()).Created.Single();
        minutes.Approve(meeting, series, [announced], Heads, Week, After);
        minutes.Reopen("Korrektur", After);

        Assert.Equal([draftTask], removed.Removed);
        Assert.Throws<DomainException>(() => Write(minutes, meeting, [announced], new MinutesEntryInput(null, null, MinutesEntryKind.Note, "ohne Aufgabe", null)));
    }

    [Fact]
    public void The_protocol_puts_decisions_first_under_their_agenda_item_and_keeps_entries_whose_item_was_removed()
    {
        var (_, meeting) = Held();
        var kept = meeting.Agenda.Add(new AgendaItemInput("E-Akte", null, 30, AgendaItemKind.Discussion), null, null);
        var removed = meeting.Agenda.Add(new AgendaItemInput("Sonstiges", null, 30, AgendaItemKind.Other), null, null);
        var minutes = Minutes.Start(meeting, After);
        Write(minutes, meeting, [],
            new MinutesEntryInput(null, kept.Id, MinutesEntryKind.Finding, "Feststellung", null),
            new MinutesEntryInput(null, kept.Id, MinutesEntryKind.Decision, "Beschluss", null),
            new MinutesEntryInput(null, removed.Id, MinutesEntryKind.Note, "Notiz zu Sonstiges", null));
        meeting.Agenda.Remove(removed.Id);

        var sections = MinutesView.Of(minutes, meeting, [], [], new Dictionary<Guid, string>()).Sections();

        Assert.Equal([null, kept], sections.Select(s => s.Item));
        Assert.Equal(["Notiz zu Sonstiges"], sections[0].Entries.Select(e => e.Text));
        Assert.Equal(["Beschluss", "Feststellung"], sections[1].Entries.Select(e => e.Text));
    }

    [Fact]
    public void A_minutes_mail_of_an_older_version_is_not_sent()
    {
        var (series, meeting) = Held();
        var minutes = Minutes.Start(meeting, After);
        minutes.Approve(meeting, series, [], Heads, Week, After);
        var row = MailPlans.Plan(minutes.DomainEvents.Single(), MailParties.None).First();
        minutes.Reopen("Korrektur", After);
        var view = MinutesView.Of(minutes, meeting, [], [], new Dictionary<Guid, string>());

        var reason = MailPlans.WhyNotToSend(row, new DeliveryFacts(meeting, null, null, series, [], false, new ResultsFacts(view, [])), After);

        Assert.Equal("the minutes were re-opened", reason);
    }
}
