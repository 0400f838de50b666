using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Results;

/// <summary>The minutes of a meeting: when they may be written, approval and its mails, re-opening, who may read them.</summary>
public sealed class MinutesTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private async Task<(string Meeting, string Item, string Department, string Head)> HeldMeeting()
    {
        var code = DirectoryData.Unique("M").ToUpperInvariant();
        var department = await _admin.CreateDepartment(code);
        var (meeting, item) = await _admin.Held(await _admin.CreateSeries(), app.Clock.GetUtcNow());
        app.Clock.Advance(TimeSpan.FromDays(2).Add(TimeSpan.FromHours(1))); // the meeting has started
        return (meeting, item, department, ResultsData.HeadOf(code));
    }

    [Fact]
    public async Task Minutes_are_refused_for_a_meeting_that_has_not_started_or_was_cancelled()
    {
        var series = await _admin.CreateSeries();
        var ahead = await _admin.CreatePublished(series, app.Clock.GetUtcNow().AddDays(3));
        var cancelled = await _admin.CreatePublished(series, app.Clock.GetUtcNow().AddDays(4));
        await (await _admin.Action(cancelled, "cancel")).Json(HttpStatusCode.OK);

        var early = await _admin.SaveMinutes(ahead, [new { kind = "note", text = "Noch nicht." }]);
        var late = await _admin.SaveMinutes(cancelled, [new { kind = "note", text = "Entfällt." }]);

        Assert.Contains("not started", (await early.Problem(HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
        Assert.Contains("cancelled", (await late.Problem(HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
        await (await _admin.GetAsync($"/api/meetings/{ahead}/minutes")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Minutes_hold_entries_per_agenda_item_and_their_task_entries_make_tasks()
    {
        var (meeting, item, department, _) = await HeldMeeting();
        var due = ResultsData.Day(app.Clock.GetUtcNow().AddDays(30));

        var response = await _admin.SaveMinutes(meeting,
        [
            new { agendaItemId = item, kind = "decision", text = "Die E-Akte wird eingeführt." },
            ResultsData.TaskEntry(item, department, due),
            new { kind = "note", text = "Zeile eins\nZeile zwei" },
        ]);

        var minutes = await response.Json(HttpStatusCode.OK);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(("draft", 1), (minutes.Str("status"), minutes.GetProperty("version").GetInt32()));
        Assert.Equal("Petra Schreiber", minutes.GetProperty("keeper").Str("name"));
        var entries = minutes.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(["decision", "task", "note"], entries.Select(e => e.Str("kind")));
        var taskId = entries[1].Str("taskId");
        var task = await (await _admin.GetAsync($"/api/tasks/{taskId}")).Json(HttpStatusCode.OK);
        Assert.Equal((department, due, "open", meeting), (task.Str("departmentId"), task.Str("dueOn"), task.Str("status"), task.Str("meetingId")));
    }

    [Fact]
    public async Task Bad_entries_are_400s_that_name_the_field()
    {
        var (meeting, _, department, _) = await HeldMeeting();

        var response = await _admin.SaveMinutes(meeting,
        [
            new { agendaItemId = Guid.NewGuid(), kind = "decision", text = "x" },
            new { kind = "task", text = "ohne Aufgabe" },
            ResultsData.TaskEntry(null, Guid.NewGuid().ToString(), "2026-01-01"),
            new { kind = "note", text = new string('x', 4001) },
            new { id = Guid.NewGuid(), kind = "note", text = "x" },
        ]);

        var errors = await response.ValidationErrors();
        Assert.True(errors.TryGetProperty("entries[0].agendaItemId", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("entries[1].task", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("entries[2].task.departmentId", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("entries[2].task.dueOn", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("entries[3].text", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("entries[4].id", out _), errors.ToString());
        await (await _admin.PutJson($"/api/meetings/{meeting}/minutes", new { entries = new[] { new { kind = "task", text = "x", task = new { title = "t", departmentId = department, dueOn = "2026-13-45" } } } }))
            .Problem(HttpStatusCode.BadRequest);
        await (await _admin.SaveMinutes(meeting, [.. Enumerable.Range(0, 201).Select(_ => new { kind = "note", text = "x" })])).Problem(HttpStatusCode.BadRequest);
        await (await _admin.GetAsync($"/api/meetings/{meeting}/minutes")).Problem(HttpStatusCode.NotFound); // nothing was stored
    }

    [Fact]
    public async Task A_stale_If_Match_is_412_and_approved_minutes_are_read_only()
    {
        var (meeting, _, _, _) = await HeldMeeting();
        await (await _admin.SaveMinutes(meeting, [new { kind = "finding", text = "Alle Ämter sind angeschlossen." }])).Json(HttpStatusCode.OK);

        var stale = await _admin.SaveMinutes(meeting, [new { kind = "note", text = "zu spät" }], ifMatch: "\"0\"");
        await _admin.Approve(meeting);
        var afterApproval = await _admin.SaveMinutes(meeting, [new { kind = "note", text = "nachträglich" }]);

        await stale.Problem(HttpStatusCode.PreconditionFailed);
        Assert.Contains("read-only", (await afterApproval.Problem(HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
        var minutes = await (await _admin.GetAsync($"/api/meetings/{meeting}/minutes")).Json(HttpStatusCode.OK);
        Assert.Equal("Alle Ämter sind angeschlossen.", Assert.Single(minutes.GetProperty("entries").EnumerateArray()).Str("text"));
        Assert.Equal("approved", minutes.Str("status"));
    }

    [Fact]
    public async Task Approval_mails_the_minutes_once_to_each_invitee_and_host_and_a_corrected_version_after_reopening()
    {
        var (meeting, item, department, head) = await HeldMeeting();
        var hosts = (await _admin.Invitations(meeting)).Where(i => i.Str("kind") == "host").Select(i => i.GetProperty("recipient").Str("email")).ToArray();
        await (await _admin.SaveMinutes(meeting,
        [
            new { agendaItemId = item, kind = "decision", text = "Die E-Akte wird eingeführt." },
            ResultsData.TaskEntry(item, department, ResultsData.Day(app.Clock.GetUtcNow().AddDays(40)), "Schulungsplan"),
        ])).Json(HttpStatusCode.OK);

        await _admin.Approve(meeting);
        await app.Dispatch();
        await app.Dispatch();

        var first = Assert.Single(app.Smtp.To(head, meeting), m => m.Subject!.StartsWith("Protokoll: ", StringComparison.Ordinal));
        Assert.Contains("Ergebnisprotokoll", first.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Beschluss", first.TextBody, StringComparison.Ordinal);
        Assert.Contains("Die E-Akte wird eingeführt.", first.TextBody, StringComparison.Ordinal);
        Assert.Contains("Schulungsplan", first.TextBody, StringComparison.Ordinal);
        Assert.Contains("Aufgaben nach Ämtern", first.TextBody, StringComparison.Ordinal);
        Assert.All(hosts, h => Assert.Single(app.Smtp.To(h, meeting), m => m.Subject!.StartsWith("Protokoll: ", StringComparison.Ordinal)));
        Assert.Single(app.Smtp.To(head, meeting), m => m.Subject!.StartsWith("Neue Aufgaben aus: ", StringComparison.Ordinal));

        var reopened = await (await _admin.PostJson($"/api/meetings/{meeting}/minutes/reopen", new { reason = "TOP 1 unvollständig" })).Json(HttpStatusCode.OK);
        Assert.Equal(("draft", 2), (reopened.Str("status"), reopened.GetProperty("version").GetInt32()));
        await (await _admin.SaveMinutes(meeting, [new { agendaItemId = item, kind = "decision", text = "Die E-Akte wird 2027 eingeführt." },
            ResultsData.TaskEntry(item, department, ResultsData.Day(app.Clock.GetUtcNow().AddDays(40)), "Schulungsplan",
                reopened.GetProperty("entries")[1].Id())])).Json(HttpStatusCode.OK);
        await _admin.Approve(meeting);
        await app.Dispatch();
        await app.Dispatch();

        var mails = app.Smtp.To(head, meeting);
        Assert.Single(mails, m => m.Subject!.StartsWith("Protokoll: ", StringComparison.Ordinal));
        var corrected = Assert.Single(mails, m => m.Subject!.StartsWith("Berichtigtes Protokoll: ", StringComparison.Ordinal));
        Assert.Contains("2027", corrected.TextBody, StringComparison.Ordinal);
        Assert.Single(mails, m => m.Subject!.StartsWith("Neue Aufgaben aus: ", StringComparison.Ordinal)); // the task was announced already
    }

    [Fact]
    public async Task A_head_who_reads_English_gets_the_minutes_in_English()
    {
        var code = DirectoryData.Unique("E").ToUpperInvariant();
        var email = $"head.{code.ToLowerInvariant()}@augsburg.example";
        await (await _admin.PostJson("/api/departments", new { code, name = $"Office {code}", head = new { name = "Jane Doe", email, language = "en" } }))
            .Json(HttpStatusCode.Created);
        var (meeting, item) = await _admin.Held(await _admin.CreateSeries(), app.Clock.GetUtcNow());
        app.Clock.Advance(TimeSpan.FromDays(2).Add(TimeSpan.FromHours(1)));
        await (await _admin.SaveMinutes(meeting, [new { agendaItemId = item, kind = "recommendation", text = "Use the e-file." }])).Json(HttpStatusCode.OK);

        await _admin.Approve(meeting);
        await app.Dispatch();

        var mail = Assert.Single(app.Smtp.To(email, meeting), m => m.Subject!.StartsWith("Minutes: ", StringComparison.Ordinal));
        Assert.Contains("Recommendation: Use the e-file.", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_department_key_reads_approved_minutes_of_its_meetings_only()
    {
        var (meeting, _, department, _) = await HeldMeeting();
        var (_, key) = await _admin.CreateKey("department", department);
        var own = app.WithKey(key);
        var outsider = await _admin.CreateDepartment();
        var (_, otherKey) = await _admin.CreateKey("department", outsider); // created after publishing: not invited (the meeting has started)
        await (await _admin.SaveMinutes(meeting, [new { kind = "decision", text = "Beschlossen." }])).Json(HttpStatusCode.OK);

        var draft = await own.GetAsync($"/api/meetings/{meeting}/minutes");
        await _admin.Approve(meeting);
        var approved = await own.GetAsync($"/api/meetings/{meeting}/minutes");
        var notInvited = await app.WithKey(otherKey).GetAsync($"/api/meetings/{meeting}/minutes");
        var write = await own.PutJson($"/api/meetings/{meeting}/minutes", new { entries = Array.Empty<object>() });

        await draft.Problem(HttpStatusCode.NotFound);
        Assert.Equal("approved", (await approved.Json(HttpStatusCode.OK)).Str("status"));
        await notInvited.Problem(HttpStatusCode.NotFound);
        await write.Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_answer_page_shows_approved_minutes_and_the_open_tasks_of_the_heads_department()
    {
        var series = await _admin.CreateSeries();
        var code = DirectoryData.Unique("P").ToUpperInvariant();
        var department = await _admin.CreateDepartment(code);
        var (first, item) = await _admin.Held(series, app.Clock.GetUtcNow());
        var next = await _admin.CreatePublished(series, app.Clock.GetUtcNow().AddDays(20));
        app.Clock.Advance(TimeSpan.FromDays(2).Add(TimeSpan.FromHours(1)));
        await (await _admin.SaveMinutes(first, [ResultsData.TaskEntry(item, department, ResultsData.Day(app.Clock.GetUtcNow().AddDays(30)), "Datenschutzkonzept")]))
            .Json(HttpStatusCode.OK);
        await _admin.Approve(first);
        var token = await app.Token((await _admin.Invitations(first)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department));
        var nextToken = await app.Token((await _admin.Invitations(next)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department));

        var page = await app.Anonymous().GetStringAsync($"/rsvp/{token}");
        var nextPage = await app.Anonymous().GetStringAsync($"/rsvp/{nextToken}");

        Assert.Contains("Ergebnisprotokoll", page, StringComparison.Ordinal);
        Assert.Contains("Datenschutzkonzept", page, StringComparison.Ordinal);
        Assert.Contains("Offene Aufgaben Ihres Amtes", nextPage, StringComparison.Ordinal);
        Assert.Contains("Datenschutzkonzept", nextPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_reported_done_leaves_the_heads_answer_page_at_once()
    {
        var series = await _admin.CreateSeries();
        var department = await _admin.CreateDepartment(DirectoryData.Unique("Q").ToUpperInvariant());
        var (first, item) = await _admin.Held(series, app.Clock.GetUtcNow());
        var next = await _admin.CreatePublished(series, app.Clock.GetUtcNow().AddDays(20));
        app.Clock.Advance(TimeSpan.FromDays(2).Add(TimeSpan.FromHours(1)));
        await (await _admin.SaveMinutes(first, [ResultsData.TaskEntry(item, department, ResultsData.Day(app.Clock.GetUtcNow().AddDays(30)), "Raumkonzept")]))
            .Json(HttpStatusCode.OK);
        await _admin.Approve(first);
        var nextToken = await app.Token((await _admin.Invitations(next)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department));
        var before = await app.Anonymous().GetStringAsync($"/rsvp/{nextToken}"); // what every head of the department reads alike is kept a moment
        var task = (await (await _admin.GetAsync($"/api/tasks?departmentId={department}")).Json(HttpStatusCode.OK)).GetProperty("items")[0].Id();

        await (await _admin.PutJson($"/api/tasks/{task}", new { status = "done", note = "Erledigt." })).Json(HttpStatusCode.OK);
        var after = await app.Anonymous().GetStringAsync($"/rsvp/{nextToken}");

        Assert.Contains("Raumkonzept", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Raumkonzept", after, StringComparison.Ordinal);
    }
}
