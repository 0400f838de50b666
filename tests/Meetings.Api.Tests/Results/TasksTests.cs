using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Results;

/// <summary>Tasks: who sees and changes them, their mails on the right day, and how they are carried over.</summary>
public sealed class TasksTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    /// <summary>A meeting that has started, of a new series, with one department invited.</summary>
    private async Task<(string Series, string Meeting, string Department, string Head)> Started()
    {
        var code = DirectoryData.Unique("T").ToUpperInvariant();
        var department = await _admin.CreateDepartment(code);
        var series = await _admin.CreateSeries();
        var meeting = await _admin.CreatePublished(series, app.Clock.GetUtcNow().AddDays(1));
        app.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromHours(1)));
        return (series, meeting, department, ResultsData.HeadOf(code));
    }

    private async Task<string> CreateTask(string meeting, string department, DateTimeOffset due, string title = "Bericht vorlegen") =>
        (await (await _admin.PostJson($"/api/meetings/{meeting}/tasks", new { title, departmentId = department, dueOn = ResultsData.Day(due) }))
            .Json(HttpStatusCode.Created)).Id();

    [Fact]
    public async Task A_department_key_sees_and_reports_progress_on_its_own_tasks_only()
    {
        var (_, meeting, department, _) = await Started();
        var other = await _admin.CreateDepartment();
        var own = await CreateTask(meeting, department, app.Clock.GetUtcNow().AddDays(20));
        var foreign = await CreateTask(meeting, other, app.Clock.GetUtcNow().AddDays(20), "Fremde Aufgabe");
        var key = app.WithKey((await _admin.CreateKey("department", department)).Key);

        var list = await (await key.GetAsync($"/api/tasks?departmentId={other}")).Json(HttpStatusCode.OK);
        var mine = await (await key.GetAsync("/api/tasks")).Json(HttpStatusCode.OK);
        var readForeign = await key.GetAsync($"/api/tasks/{foreign}");
        var changeForeign = await key.PutJson($"/api/tasks/{foreign}", new { status = "done" });
        var changeTitle = await key.PutJson($"/api/tasks/{own}", new { status = "in-progress", title = "Anders" });
        var changeDue = await key.PutJson($"/api/tasks/{own}", new { status = "in-progress", dueOn = "2030-01-01" });
        var progress = await key.PutJson($"/api/tasks/{own}", new { status = "in-progress", note = "Entwurf liegt vor." });

        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.Equal([own], mine.GetProperty("items").EnumerateArray().Select(t => t.Id()));
        await readForeign.Problem(HttpStatusCode.NotFound);
        await changeForeign.Problem(HttpStatusCode.NotFound);
        await changeTitle.Problem(HttpStatusCode.Forbidden);
        await changeDue.Problem(HttpStatusCode.Forbidden);
        var task = await progress.Json(HttpStatusCode.OK);
        Assert.Equal(("in-progress", "Bericht vorlegen"), (task.Str("status"), task.Str("title")));
        var last = task.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("in-progress", "Entwurf liegt vor.", "api"), (last.Str("status"), last.Str("note"), last.Str("via")));
        Assert.Equal("open", (await (await _admin.GetAsync($"/api/tasks/{foreign}")).Json(HttpStatusCode.OK)).Str("status"));
    }

    [Fact]
    public async Task Tasks_of_draft_minutes_stay_the_offices_until_the_minutes_are_approved()
    {
        var (_, meeting, department, head) = await Started();
        var key = app.WithKey((await _admin.CreateKey("department", department)).Key);
        var due = ResultsData.Day(app.Clock.GetUtcNow().AddDays(30));
        var minutes = await (await _admin.SaveMinutes(meeting,
            [ResultsData.TaskEntry(null, department, due, "Erste Aufgabe"), ResultsData.TaskEntry(null, department, due, "Zweite Aufgabe")])).Json(HttpStatusCode.OK);
        var task = minutes.GetProperty("entries")[0].Str("taskId");

        var listedBefore = await (await key.GetAsync("/api/tasks")).Json(HttpStatusCode.OK);
        var readBefore = await key.GetAsync($"/api/tasks/{task}");
        await app.Dispatch();
        var mailsBefore = app.Smtp.To(head, meeting).Count(m => m.Subject!.StartsWith("Neue Aufgaben", StringComparison.Ordinal));
        await _admin.Approve(meeting);
        await app.Dispatch();
        var listedAfter = await (await key.GetAsync("/api/tasks")).Json(HttpStatusCode.OK);

        Assert.Equal(0, listedBefore.GetProperty("total").GetInt32());
        await readBefore.Problem(HttpStatusCode.NotFound);
        Assert.Equal(0, mailsBefore);
        Assert.Equal(2, listedAfter.GetProperty("total").GetInt32());
        var assigned = Assert.Single(app.Smtp.To(head, meeting), m => m.Subject!.StartsWith("Neue Aufgaben", StringComparison.Ordinal)); // one mail for both
        Assert.Contains("Erste Aufgabe", assigned.TextBody, StringComparison.Ordinal);
        Assert.Contains("Zweite Aufgabe", assigned.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Done_is_final_for_a_department_key_and_the_office_may_reopen()
    {
        var (_, meeting, department, _) = await Started();
        var task = await CreateTask(meeting, department, app.Clock.GetUtcNow().AddDays(20));
        var key = app.WithKey((await _admin.CreateKey("department", department)).Key);
        await (await key.PutJson($"/api/tasks/{task}", new { status = "done" })).Json(HttpStatusCode.OK);

        var again = await key.PutJson($"/api/tasks/{task}", new { status = "open" });
        var reopened = await _admin.PutJson($"/api/tasks/{task}", new { status = "open", note = "Nachbesserung nötig" });

        await again.Problem(HttpStatusCode.Conflict);
        Assert.Equal("open", (await reopened.Json(HttpStatusCode.OK)).Str("status"));
    }

    [Fact]
    public async Task A_stale_If_Match_on_a_task_is_412_and_bad_input_is_400()
    {
        var (_, meeting, department, _) = await Started();
        var task = await CreateTask(meeting, department, app.Clock.GetUtcNow().AddDays(20));

        var stale = await _admin.PutJson($"/api/tasks/{task}", new { status = "in-progress" }, ifMatch: "\"7\"");
        var badStatus = await _admin.PutJson($"/api/tasks/{task}", new { status = "finished" });
        var unknownDepartment = await _admin.PostJson($"/api/meetings/{meeting}/tasks", new { title = "x", departmentId = Guid.NewGuid(), dueOn = "2026-12-01" });
        var longTitle = await _admin.PostJson($"/api/meetings/{meeting}/tasks", new { title = new string('x', 201), departmentId = department, dueOn = "2026-12-01" });
        var badQuery = await _admin.GetAsync("/api/tasks?status=finished");

        await stale.Problem(HttpStatusCode.PreconditionFailed);
        await badStatus.Problem(HttpStatusCode.BadRequest);
        Assert.True((await unknownDepartment.ValidationErrors()).TryGetProperty("departmentId", out _));
        Assert.True((await longTitle.ValidationErrors()).TryGetProperty("title", out _));
        await badQuery.Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Due_and_overdue_mails_go_once_on_their_day_and_follow_a_new_due_date()
    {
        var (_, meeting, department, head) = await Started();
        var now = app.Clock.GetUtcNow();
        var task = await CreateTask(meeting, department, now.AddDays(10));
        await (await _admin.PutJson($"/api/tasks/{task}", new { dueOn = ResultsData.Day(now.AddDays(12)) })).Json(HttpStatusCode.OK); // the mails follow

        app.Clock.Advance(TimeSpan.FromDays(4)); // past the old date's reminder (day 3, 08:00), before the new date's (day 5, 08:00)
        await app.Dispatch();
        var early = app.Smtp.To(head, meeting).Count(m => m.Subject!.StartsWith("Aufgabe fällig", StringComparison.Ordinal));
        app.Clock.Advance(TimeSpan.FromDays(2)); // past 08:00 seven days before the new date
        await app.Dispatch();
        await app.Dispatch();
        app.Clock.Advance(TimeSpan.FromDays(8)); // the day after the due date (day 13), past 08:00
        await app.Dispatch();
        await app.Dispatch();

        Assert.Equal(0, early);
        var mails = app.Smtp.To(head, meeting);
        var due = Assert.Single(mails, m => m.Subject!.StartsWith("Aufgabe fällig", StringComparison.Ordinal));
        Assert.Contains(now.AddDays(12).ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture), due.Subject, StringComparison.Ordinal);
        Assert.Single(mails, m => m.Subject!.StartsWith("Aufgabe überfällig", StringComparison.Ordinal));
        var overdue = await (await _admin.GetAsync("/api/tasks?overdue=true&take=200")).Json(HttpStatusCode.OK);
        Assert.Contains(task, overdue.GetProperty("items").EnumerateArray().Select(t => t.Id()));
    }

    [Fact]
    public async Task After_a_new_head_took_over_the_task_mails_go_to_the_new_head()
    {
        var (_, meeting, department, head) = await Started();
        var task = await CreateTask(meeting, department, app.Clock.GetUtcNow().AddDays(10));
        var current = await (await _admin.GetAsync($"/api/departments/{department}")).Json(HttpStatusCode.OK);
        var successor = $"nachfolge.{Guid.NewGuid():N}@augsburg.example";
        await (await _admin.PutJson($"/api/departments/{department}", new
        {
            code = current.Str("code"),
            name = current.Str("name"),
            head = new { name = "Neue Leitung", email = successor },
        })).Json(HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromDays(5));
        await app.Dispatch();

        Assert.DoesNotContain(app.Smtp.To(head, meeting), m => m.Subject!.StartsWith("Aufgabe fällig", StringComparison.Ordinal));
        Assert.Single(app.Smtp.To(successor, meeting), m => m.Subject!.StartsWith("Aufgabe fällig", StringComparison.Ordinal));
        Assert.Equal("open", (await (await _admin.GetAsync($"/api/tasks/{task}")).Json(HttpStatusCode.OK)).Str("status"));
    }

    [Fact]
    public async Task A_done_task_gets_no_more_mails()
    {
        var (_, meeting, department, head) = await Started();
        var task = await CreateTask(meeting, department, app.Clock.GetUtcNow().AddDays(10));
        var key = app.WithKey((await _admin.CreateKey("department", department)).Key);
        await (await key.PutJson($"/api/tasks/{task}", new { status = "done", note = "Erledigt." })).Json(HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromDays(12));
        await app.Dispatch();

        Assert.DoesNotContain(app.Smtp.To(head, meeting), m => m.Subject!.StartsWith("Aufgabe", StringComparison.Ordinal));
        var rows = await (await _admin.GetAsync($"/api/meetings/{meeting}/deliveries?take=200")).Json(HttpStatusCode.OK);
        var taskMails = rows.GetProperty("items").EnumerateArray().Where(r => r.Str("kind") is "task-due" or "task-overdue").ToList();
        Assert.Equal(2, taskMails.Count);
        Assert.All(taskMails, r => Assert.Equal("skipped", r.Str("status")));
    }

    [Fact]
    public async Task Open_tasks_are_carried_into_the_next_meeting_of_the_same_series_only()
    {
        var (series, meeting, department, head) = await Started();
        var open = await CreateTask(meeting, department, app.Clock.GetUtcNow().AddDays(30), "Offener Punkt");
        var done = await CreateTask(meeting, department, app.Clock.GetUtcNow().AddDays(30), "Erledigter Punkt");
        await (await _admin.PutJson($"/api/tasks/{done}", new { status = "done" })).Json(HttpStatusCode.OK);
        var next = await _admin.CreatePublished(series, app.Clock.GetUtcNow().AddDays(5));
        var elsewhere = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(5));
        var key = app.WithKey((await _admin.CreateKey("department", department)).Key);

        var carried = await (await _admin.GetAsync($"/api/meetings/{next}/open-tasks")).Json(HttpStatusCode.OK);
        var other = await (await _admin.GetAsync($"/api/meetings/{elsewhere}/open-tasks")).Json(HttpStatusCode.OK);
        var same = await (await _admin.GetAsync($"/api/meetings/{meeting}/open-tasks")).Json(HttpStatusCode.OK);
        var byKey = await (await key.GetAsync($"/api/meetings/{next}/open-tasks")).Json(HttpStatusCode.OK);
        await app.Dispatch();

        Assert.Equal([open], carried.GetProperty("items").EnumerateArray().Select(t => t.Id()));
        Assert.Equal(0, other.GetProperty("total").GetInt32());
        Assert.Equal(0, same.GetProperty("total").GetInt32());
        Assert.Equal([open], byKey.GetProperty("items").EnumerateArray().Select(t => t.Id()));
        var invitation = Assert.Single(app.Smtp.To(head, next), m => m.Subject!.StartsWith("Einladung", StringComparison.Ordinal));
        Assert.Contains("Offener Punkt", invitation.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Erledigter Punkt", invitation.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Smtp.To(head, elsewhere), m => m.TextBody!.Contains("Offener Punkt", StringComparison.Ordinal));

        app.Clock.Advance(TimeSpan.FromDays(5).Add(TimeSpan.FromHours(1))); // the next meeting has started
        var minutes = await (await _admin.SaveMinutes(next, [new { kind = "note", text = "Offene Punkte besprochen." }])).Json(HttpStatusCode.OK);
        Assert.Equal([open], minutes.GetProperty("carriedOver").EnumerateArray().Select(t => t.Id()));
    }

    [Fact]
    public async Task Task_changes_are_in_the_audit_log()
    {
        var (_, meeting, department, _) = await Started();
        var task = await CreateTask(meeting, department, app.Clock.GetUtcNow().AddDays(20));
        await (await _admin.PutJson($"/api/tasks/{task}", new { status = "in-progress" })).Json(HttpStatusCode.OK);

        var audit = await (await _admin.GetAsync($"/api/audit?resourceId={task}")).Json(HttpStatusCode.OK);

        var operations = audit.GetProperty("items").EnumerateArray().Select(e => e.Str("operation")).ToList();
        Assert.Contains("CreateTask", operations);
        Assert.Contains("UpdateTask", operations);
    }
}

/// <summary><c>Tasks:DueReminder</c> as an operator sets it: the task-due mail two days ahead instead of seven.</summary>
public sealed class TaskDueReminderSettingTests(TaskDueReminderSettingTests.TwoDaysAhead app) : IClassFixture<TaskDueReminderSettingTests.TwoDaysAhead>
{
    public sealed class TwoDaysAhead : MailingMeetingsApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Tasks:DueReminder", "P2D");
        }
    }

    [Fact]
    public async Task The_due_mail_goes_the_configured_time_before_the_due_date()
    {
        var admin = app.Admin();
        var code = DirectoryData.Unique("R").ToUpperInvariant();
        var department = await admin.CreateDepartment(code);
        var meeting = await admin.CreatePublished(await admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(1));
        app.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromHours(1)));
        var now = app.Clock.GetUtcNow();
        await (await admin.PostJson($"/api/meetings/{meeting}/tasks", new { title = "Bericht vorlegen", departmentId = department, dueOn = ResultsData.Day(now.AddDays(10)) }))
            .Json(HttpStatusCode.Created);

        app.Clock.Advance(TimeSpan.FromDays(7)); // past the default's day (seven days before), before the configured one
        await app.Dispatch();
        var early = app.Smtp.To(ResultsData.HeadOf(code), meeting).Count(m => m.Subject!.StartsWith("Aufgabe fällig", StringComparison.Ordinal));
        app.Clock.Advance(TimeSpan.FromDays(2)); // past 08:00 two days before the due date
        await app.Dispatch();

        Assert.Equal(0, early);
        Assert.Single(app.Smtp.To(ResultsData.HeadOf(code), meeting), m => m.Subject!.StartsWith("Aufgabe fällig", StringComparison.Ordinal));
    }
}
