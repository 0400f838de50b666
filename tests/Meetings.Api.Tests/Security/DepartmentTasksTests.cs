using System.Net;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Api.Tests.Results;

namespace Meetings.Api.Tests.Security;

/// <summary>
/// Finding of issue 19: another department's private notes. Department 11 writes a confidential progress note on its
/// task; department 10's key reads the next meeting's open tasks and minutes and sees department 11's task as title,
/// department, due date and status only — never description, notes, history or actor — and so do its head's mails and
/// answer page.
/// </summary>
public sealed class DepartmentTasksTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private const string Note = "Vertraulich: Personalengpass im Amt 11, bitte nicht weitergeben";
    private const string Description = "Interne Beschreibung: Haushaltsrisiko 2,3 Mio.";

    private static readonly string[] FourFields = ["departmentId", "dueOn", "status", "title"];

    private readonly HttpClient _admin = app.Admin();

    private static object TaskEntry(string department, string title, DateTimeOffset due, string? description = null) => new
    {
        kind = "task",
        text = $"Das Amt übernimmt: {title}.",
        task = new { title, departmentId = department, dueOn = ResultsData.Day(due), description },
    };

    private static JsonElement[] Items(JsonElement page, string property = "items") => [.. page.GetProperty(property).EnumerateArray()];

    [Fact]
    public async Task A_department_key_sees_another_departments_task_as_title_department_due_date_and_status_only()
    {
        var code10 = DirectoryData.Unique("A").ToUpperInvariant();
        var ten = await _admin.CreateDepartment(code10);
        var eleven = await _admin.CreateDepartment();
        var series = await _admin.CreateSeries();
        var first = await _admin.CreatePublished(series, app.Clock.GetUtcNow().AddDays(1));
        var next = await _admin.CreatePublished(series, app.Clock.GetUtcNow().AddDays(10));
        app.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromHours(1))); // the first meeting has taken place
        var due = app.Clock.GetUtcNow().AddDays(60);
        await (await _admin.SaveMinutes(first, [TaskEntry(ten, "Eigener Punkt", due, "Beschreibung des Amts 10"), TaskEntry(eleven, "Fremder Punkt", due, Description)]))
            .Json(HttpStatusCode.OK);
        await _admin.Approve(first);
        var (key11Id, key11) = await _admin.CreateKey("department", eleven);
        var task11 = Assert.Single(Items(await (await app.WithKey(key11).GetAsync("/api/tasks")).Json(HttpStatusCode.OK))).Id();
        await (await app.WithKey(key11).PutJson($"/api/tasks/{task11}", new { status = "in-progress", note = Note })).Json(HttpStatusCode.OK);
        var tenKey = app.WithKey((await _admin.CreateKey("department", ten)).Key);

        var openTasks = await (await tenKey.GetAsync($"/api/meetings/{next}/open-tasks")).Content.ReadAsStringAsync();
        app.Clock.Advance(TimeSpan.FromDays(9)); // the next meeting has taken place: its minutes carry the open tasks over
        await (await _admin.SaveMinutes(next, [new { kind = "note", text = "Offene Punkte besprochen." }, TaskEntry(eleven, "Neuer fremder Punkt", due, Description)]))
            .Json(HttpStatusCode.OK);
        await _admin.Approve(next);
        var minutes = await (await tenKey.GetAsync($"/api/meetings/{next}/minutes")).Content.ReadAsStringAsync();
        var byAdmin = await (await _admin.GetAsync($"/api/meetings/{next}/minutes")).Json(HttpStatusCode.OK);
        var readTask = await tenKey.GetAsync($"/api/tasks/{task11}");

        foreach (var body in new[] { openTasks, minutes })
        {
            Assert.DoesNotContain(Note, body, StringComparison.Ordinal);
            Assert.DoesNotContain(Description, body, StringComparison.Ordinal);
            Assert.DoesNotContain(key11Id, body, StringComparison.Ordinal); // the actor of the note
            Assert.DoesNotContain(task11, body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"history\":[{\"status\":\"in-progress\"", body, StringComparison.Ordinal);
        }

        var carried = Items(JsonDocument.Parse(minutes).RootElement, "carriedOver");
        Assert.Equal(carried.Length, Items(JsonDocument.Parse(openTasks).RootElement).Length);
        var foreign = Assert.Single(carried, t => t.Str("departmentId") == eleven);
        Assert.Equal(FourFields, foreign.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(("Fremder Punkt", "in-progress", ResultsData.Day(due)), (foreign.Str("title"), foreign.Str("status"), foreign.Str("dueOn")));
        var own = Assert.Single(carried, t => t.Str("departmentId") == ten);
        Assert.Equal("Beschreibung des Amts 10", own.Str("description")); // its own department's task in full
        Assert.True(own.GetProperty("history").GetArrayLength() > 0);
        Assert.All(Items(JsonDocument.Parse(minutes).RootElement, "entries"), e => Assert.False(e.TryGetProperty("taskId", out _))); // no id of another's task
        var full = Assert.Single(Items(byAdmin, "carriedOver"), t => t.Str("departmentId") == eleven);
        Assert.Equal((task11, Description, Note), (full.Id(), full.Str("description"), full.GetProperty("history").EnumerateArray().Last().Str("note"))); // the office reads it all
        await readTask.Problem(HttpStatusCode.NotFound);

        await app.Dispatch();
        var head10 = ResultsData.HeadOf(code10);
        var mails = app.Smtp.To(head10, first).Concat(app.Smtp.To(head10, next)).ToList();
        Assert.Contains(mails, m => m.Subject!.StartsWith("Protokoll", StringComparison.Ordinal));
        Assert.All(mails, m => Assert.DoesNotContain(Note, m.TextBody + m.HtmlBody, StringComparison.Ordinal));
        Assert.All(mails, m => Assert.DoesNotContain(Description, m.TextBody + m.HtmlBody, StringComparison.Ordinal));
        var invitation10 = Assert.Single(await _admin.Invitations(next), i => i.TryGetProperty("departmentId", out var d) && d.GetString() == ten);
        var page = await app.Anonymous().GetStringAsync($"/rsvp/{await app.Token(invitation10)}");
        Assert.Contains("Fremder Punkt", page, StringComparison.Ordinal); // the approved minutes list it, as the mail does
        Assert.DoesNotContain(Note, page, StringComparison.Ordinal);
        Assert.DoesNotContain(Description, page, StringComparison.Ordinal);
    }
}
