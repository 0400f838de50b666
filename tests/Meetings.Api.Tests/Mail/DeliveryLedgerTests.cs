using System.Net;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Mail;

/// <summary>The ledger rows are written with the change that causes them; obsolete reminders are skipped, none twice.</summary>
public sealed class DeliveryLedgerTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private static readonly DateTimeOffset InAMonth = MeetingsApp.Start.AddDays(30);
    private readonly HttpClient _admin = app.Admin();

    private async Task<JsonElement[]> Deliveries(string meeting, string? query = null) =>
        (await (await _admin.GetAsync($"/api/meetings/{meeting}/deliveries?take=200{query}")).Json(HttpStatusCode.OK))
        .GetProperty("items").EnumerateArray().ToArray();

    [Fact]
    public async Task Publishing_queues_one_invitation_per_invitee_and_plans_the_reminders()
    {
        await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var invitees = (await _admin.Invitations(meeting)).Select(i => i.GetProperty("recipient").Str("email")).ToList();

        var rows = await Deliveries(meeting);

        var invitations = rows.Where(r => r.Str("kind") == "invitation").ToList();
        Assert.Equal(invitees.Order(), invitations.Select(r => r.GetProperty("recipient").Str("email")).Order());
        Assert.All(invitations, r => Assert.Equal("queued", r.Str("status")));
        var reminders = rows.Where(r => r.Str("kind") == "reminder").ToList();
        Assert.Equal(invitees.Count * 2, reminders.Count);
        Assert.Contains(reminders, r => r.Str("dueAt") == Instant(InAMonth.AddDays(-7)));
        Assert.Contains(reminders, r => r.Str("dueAt") == Instant(InAMonth.AddDays(-1)));
    }

    [Fact]
    public async Task A_reminder_whose_time_has_passed_when_planned_is_skipped()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(3));

        var reminders = await Deliveries(meeting, "&kind=reminder");

        Assert.All(reminders.Where(r => r.Str("occasion").StartsWith("P7D", StringComparison.Ordinal)), r => Assert.Equal("skipped", r.Str("status")));
        Assert.All(reminders.Where(r => r.Str("occasion").StartsWith("P1D", StringComparison.Ordinal)), r => Assert.Equal("queued", r.Str("status")));
    }

    [Fact]
    public async Task Rescheduling_queues_updates_and_skips_every_reminder_for_the_old_time()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var invitees = (await _admin.Invitations(meeting)).Length;

        await (await _admin.Action(meeting, "reschedule", new { startsAt = InAMonth.AddDays(7).ToString("O"), endsAt = InAMonth.AddDays(7).AddHours(2).ToString("O") }))
            .Json(HttpStatusCode.OK);

        var rows = await Deliveries(meeting);
        var updates = rows.Where(r => r.Str("kind") == "update").ToList();
        Assert.Equal(invitees, updates.Count);
        Assert.All(updates, r => Assert.Equal("seq-1", r.Str("occasion")));
        var reminders = rows.Where(r => r.Str("kind") == "reminder").ToList();
        Assert.Equal(invitees * 4, reminders.Count);
        Assert.All(reminders.Where(r => r.Str("dueAt") == Instant(InAMonth.AddDays(-7)) || r.Str("dueAt") == Instant(InAMonth.AddDays(-1))),
            r => Assert.Equal("skipped", r.Str("status")));
        Assert.Equal(invitees * 2, reminders.Count(r => r.Str("status") == "queued"));
        Assert.All(reminders.Where(r => r.Str("status") == "queued"), r => Assert.True(
            r.Str("dueAt") == Instant(InAMonth.AddDays(0)) || r.Str("dueAt") == Instant(InAMonth.AddDays(6))));
    }

    [Fact]
    public async Task Cancelling_queues_cancellations_and_skips_everything_else_still_queued()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var invitees = (await _admin.Invitations(meeting)).Length;

        await (await _admin.Action(meeting, "cancel", new { reason = "Haushaltsklausur" })).Json(HttpStatusCode.OK);

        var rows = await Deliveries(meeting);
        Assert.Equal(invitees, rows.Count(r => r.Str("kind") == "cancellation" && r.Str("status") == "queued"));
        Assert.All(rows.Where(r => r.Str("kind") != "cancellation"), r => Assert.Equal("skipped", r.Str("status")));
    }

    [Fact]
    public async Task A_visible_change_queues_updates_and_a_description_change_does_not()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var current = await (await _admin.GetAsync($"/api/meetings/{meeting}")).Json(HttpStatusCode.OK);
        var location = new { name = "Rathaus", address = "Rathausplatz 2", room = "Oberer Fletz" };

        await _admin.PutJson($"/api/meetings/{meeting}", new { title = current.Str("title"), description = "Neu", location });
        Assert.Empty(await Deliveries(meeting, "&kind=update"));
        await _admin.PutJson($"/api/meetings/{meeting}", new { title = "Neuer Titel", description = "Neu", location });

        Assert.All(await Deliveries(meeting, "&kind=update"), r => Assert.Equal("seq-1-title", r.Str("occasion")));
        Assert.NotEmpty(await Deliveries(meeting, "&kind=update"));
    }

    [Fact]
    public async Task Late_withdrawn_and_restored_departments_get_their_mails_once_and_the_restored_invitation_with_its_new_link()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var department = await _admin.CreateDepartment();
        var head = (await (await _admin.GetAsync($"/api/departments/{department}")).Json(HttpStatusCode.OK)).GetProperty("head").Str("email");

        await _admin.DeleteAsync($"/api/departments/{department}");
        var current = await (await _admin.GetAsync($"/api/departments/{department}")).Json(HttpStatusCode.OK);
        await _admin.PutJson($"/api/departments/{department}", new
        {
            code = current.Str("code"), name = current.Str("name"), active = true, head = new { name = "Leitung", email = head },
        });

        var rows = (await Deliveries(meeting)).Where(r => r.GetProperty("recipient").Str("email") == head).ToList();
        var invitations = rows.Where(r => r.Str("kind") == "invitation").ToList();
        Assert.Equal(2, invitations.Count); // the first (withdrawn before it went out) and, once restored, the one with the new link
        Assert.Single(invitations, r => r.Str("occasion") == "invitation" && r.Str("status") == "skipped");
        Assert.Single(invitations, r => r.Str("occasion").StartsWith("invitation@", StringComparison.Ordinal) && r.Str("status") == "queued");
        Assert.Single(rows, r => r.Str("kind") == "cancellation" && r.Str("occasion") == "withdrawn");
        Assert.Equal(2, rows.Count(r => r.Str("kind") == "reminder"));
        Assert.All(rows.Where(r => r.Str("kind") == "reminder"), r => Assert.Equal("skipped", r.Str("status"))); // skipped on withdrawal, not planned twice
    }

    [Fact]
    public async Task A_delegate_gets_the_invitation_and_the_reminders_instead_of_the_head()
    {
        var department = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var invitation = (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department);
        var head = invitation.GetProperty("recipient").Str("email");

        await (await _admin.Answer(meeting, invitation.Id(), new { status = "delegated", @delegate = new { name = "Stefan Koch", email = "stefan.koch@augsburg.example" } }))
            .Json(HttpStatusCode.OK);

        var rows = await Deliveries(meeting);
        Assert.Single(rows, r => r.Str("kind") == "invitation" && r.GetProperty("recipient").Str("email") == "stefan.koch@augsburg.example");
        Assert.Equal(2, rows.Count(r => r.Str("kind") == "reminder" && r.GetProperty("recipient").Str("email") == "stefan.koch@augsburg.example" && r.Str("status") == "queued"));
        Assert.All(rows.Where(r => r.Str("kind") == "reminder" && r.GetProperty("recipient").Str("email") == head), r => Assert.Equal("skipped", r.Str("status")));
    }

    [Fact]
    public async Task The_reminder_plan_can_be_read_and_replaced_and_replanning_skips_obsolete_reminders()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);

        var defaults = await (await _admin.GetAsync($"/api/meetings/{meeting}/reminders")).Json(HttpStatusCode.OK);
        var replaced = await (await _admin.PutJson($"/api/meetings/{meeting}/reminders", new { offsets = new[] { "P3D", "PT2H" }, rsvpNudge = "P1D" })).Json(HttpStatusCode.OK);
        var invalid = await _admin.PutJson($"/api/meetings/{meeting}/reminders", new { offsets = new[] { "7 days", "PT1M" } });

        Assert.Equal(["P7D", "P1D"], defaults.GetProperty("offsets").EnumerateArray().Select(o => o.GetString()!).ToArray());
        Assert.Equal("P2D", defaults.Str("rsvpNudge"));
        Assert.Equal(["P3D", "PT2H"], replaced.GetProperty("offsets").EnumerateArray().Select(o => o.GetString()!).ToArray());
        var errors = await invalid.ValidationErrors();
        Assert.True(errors.TryGetProperty("offsets[0]", out _));
        Assert.True(errors.TryGetProperty("offsets[1]", out _));
        var reminders = await Deliveries(meeting, "&kind=reminder");
        Assert.All(reminders.Where(r => r.Str("occasion").StartsWith("P7D", StringComparison.Ordinal)), r => Assert.Equal("skipped", r.Str("status")));
        Assert.All(reminders.Where(r => r.Str("occasion").StartsWith("PT2H", StringComparison.Ordinal)), r => Assert.Equal("queued", r.Str("status")));
    }

    [Fact]
    public async Task The_ledger_is_for_admins_and_filters_are_checked()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var (_, key) = await _admin.CreateKey("department", departmentId: await _admin.CreateDepartment());

        await (await app.WithKey(key).GetAsync($"/api/meetings/{meeting}/deliveries")).Problem(HttpStatusCode.Forbidden);
        await (await _admin.GetAsync($"/api/meetings/{meeting}/deliveries?status=lost")).ValidationErrors();
        await (await _admin.GetAsync($"/api/meetings/{Guid.NewGuid()}/deliveries")).Problem(HttpStatusCode.NotFound);
    }

    private static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
