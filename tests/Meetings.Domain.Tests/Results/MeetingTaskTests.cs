using Meetings.Domain.Common;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Domain.Results;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Results;

/// <summary>The rules of a task: its dates, who may change its status, its mails, and when it is carried over.</summary>
public sealed class MeetingTaskTests
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private static readonly Domain.Directory.Department Office = Department("20");

    private static (Series Series, Meeting Meeting) Held(DateTimeOffset start)
    {
        var series = Series();
        var meeting = Published(series, start, Office);
        return (series, meeting);
    }

    private static MeetingTask Task(Meeting meeting, DateOnly dueOn, DateTimeOffset now)
    {
        var task = MeetingTask.Create(meeting, new TaskInput("Bericht", Office.Id, dueOn, null), new HashSet<Guid> { Office.Id }, string.Empty, now, TaskChannel.Admin, "office");
        task.Announce(null, Office.Head, Week, now);
        return task;
    }

    [Fact]
    public void The_due_mail_goes_at_eight_in_the_meetings_zone_a_week_before_and_the_overdue_mail_the_day_after()
    {
        var (_, meeting) = Held(Now.AddDays(1));
        var task = Task(meeting, new DateOnly(2026, 7, 10), Now.AddDays(2));

        var rows = task.DomainEvents.SelectMany(e => MailPlans.Plan(e, MailParties.None)).ToList();

        var due = Assert.Single(rows, r => r.Kind == DeliveryKind.TaskDue);
        var overdue = Assert.Single(rows, r => r.Kind == DeliveryKind.TaskOverdue);
        Assert.Equal(new DateTimeOffset(2026, 7, 3, 6, 0, 0, TimeSpan.Zero), due.DueAt); // 08:00 summer time in Berlin
        Assert.Equal(new DateTimeOffset(2026, 7, 11, 6, 0, 0, TimeSpan.Zero), overdue.DueAt);
        Assert.All(rows, r => Assert.Equal(Office.Head.Email, r.RecipientEmail));
    }

    [Fact]
    public void A_new_due_date_supersedes_the_mails_planned_for_the_old_one()
    {
        var (_, meeting) = Held(Now.AddDays(1));
        var at = Now.AddDays(2);
        var task = Task(meeting, new DateOnly(2026, 7, 10), at);
        var old = task.DomainEvents.SelectMany(e => MailPlans.Plan(e, MailParties.None)).ToList();
        task.ClearDomainEvents();

        task.Revise(new TaskInput("Bericht", Office.Id, new DateOnly(2026, 8, 1), null), new HashSet<Guid>(), string.Empty, _ => Office.Head, Week, at);

        var replanned = Assert.Single(task.DomainEvents);
        Assert.All(old, row => Assert.NotNull(MailPlans.Supersedes(replanned, row)));
        Assert.All(MailPlans.Plan(replanned, MailParties.None), row => Assert.Null(MailPlans.Supersedes(replanned, row)));
        Assert.All(old, row => Assert.NotNull(MailPlans.WhyNotToSend(row, new DeliveryFacts(meeting, null, null, null, [], false, new ResultsFacts(null, [task])), at)));
    }

    [Fact]
    public void Done_and_dropped_are_final_for_a_department_and_no_mail_goes_out_for_them()
    {
        var (_, meeting) = Held(Now.AddDays(1));
        var at = Now.AddDays(2);
        var task = Task(meeting, new DateOnly(2026, 7, 10), at);
        var due = task.DomainEvents.SelectMany(e => MailPlans.Plan(e, MailParties.None)).First(r => r.Kind == DeliveryKind.TaskDue);

        task.Progress(MeetingTaskStatus.Done, "fertig", byOffice: false, _ => Office.Head, Week, at, "Amt 20");

        Assert.Throws<DomainException>(() => task.Progress(MeetingTaskStatus.Open, null, byOffice: false, _ => Office.Head, Week, at, "Amt 20"));
        Assert.Equal("the task is done", MailPlans.WhyNotToSend(due, new DeliveryFacts(meeting, null, null, null, [], false, new ResultsFacts(null, [task])), at));
        task.Progress(MeetingTaskStatus.InProgress, "doch nicht", byOffice: true, _ => Office.Head, Week, at, "office");
        Assert.Equal(MeetingTaskStatus.InProgress, task.Status);
    }

    [Theory]
    [InlineData("minutes")]
    [InlineData("assigned")]
    [InlineData("due")]
    [InlineData("overdue")]
    public void The_occasions_of_results_mails_read_back_from_their_stored_keys(string which)
    {
        var task = Guid.NewGuid();
        var occasion = which switch
        {
            "minutes" => Occasion.Minutes(3),
            "assigned" => Occasion.TasksAssigned(2),
            "due" => Occasion.TaskDate(false, task, 4, new DateOnly(2026, 7, 10)),
            _ => Occasion.TaskDate(true, task, 1, new DateOnly(2027, 1, 31)),
        };

        var read = Occasion.FromKey(occasion.Key);

        Assert.Equal(occasion, read);
        Assert.True(occasion.Key.Length <= Delivery.OccasionMaxLength);
    }

    [Fact]
    public void A_due_date_before_the_meeting_or_an_unknown_department_is_refused()
    {
        var (_, meeting) = Held(Now.AddDays(1));

        var e = Assert.Throws<DomainValidationException>(() => MeetingTask.Create(
            meeting, new TaskInput(new string('x', MeetingTask.TitleMaxLength + 1), Guid.NewGuid(), new DateOnly(2026, 1, 1), null),
            new HashSet<Guid> { Office.Id }, "task.", Now.AddDays(2), TaskChannel.Admin, "office"));

        Assert.Equal(["task.departmentId", "task.dueOn", "task.title"], e.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_task_is_carried_into_later_meetings_of_its_series_while_it_was_open_at_their_start()
    {
        var (series, first) = Held(Now.AddDays(1));
        var task = Task(first, new DateOnly(2026, 7, 10), Now.AddDays(2));
        var next = Published(series, Now.AddDays(30), Office);
        var later = Published(series, Now.AddDays(60), Office);
        var otherSeries = Published(Series(), Now.AddDays(30), Office);

        task.Progress(MeetingTaskStatus.Done, null, byOffice: true, _ => Office.Head, Week, Now.AddDays(40), "office");

        Assert.True(task.IsCarriedInto(next)); // open at its start, done since
        Assert.False(task.IsCarriedInto(later));
        Assert.False(task.IsCarriedInto(first));
        Assert.False(task.IsCarriedInto(otherSeries));
    }
}
