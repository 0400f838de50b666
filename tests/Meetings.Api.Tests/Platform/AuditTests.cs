using System.Net;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Infrastructure.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Meetings.Api.Tests.Platform;

/// <summary>The audit log as the office reads it: who changed what, when.</summary>
public sealed class AuditTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private DateTimeOffset InAMonth => app.Clock.GetUtcNow().AddDays(30);

    private async Task<(string Meeting, JsonElement Invitation, string Department)> Published()
    {
        var department = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var invitation = (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department);
        return (meeting, invitation, department);
    }

    private async Task<JsonElement[]> Log(string query)
    {
        var page = await (await _admin.GetAsync($"/api/audit?{query}")).Json(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().ToArray();
    }

    [Fact]
    public async Task An_answer_by_department_key_appears_in_the_audit_log_with_the_keys_id_and_name()
    {
        var (meeting, invitation, department) = await Published();
        var (keyId, key) = await _admin.CreateKey("department", department);
        var keyName = (await (await _admin.GetAsync($"/api/api-keys/{keyId}")).Json(HttpStatusCode.OK)).Str("name");

        (await app.WithKey(key).Answer(meeting, invitation.Id(), new { status = "accepted" })).EnsureSuccessStatusCode();

        var entry = Assert.Single(await Log($"resourceType=invitation&resourceId={invitation.Id()}"));
        Assert.Equal("AnswerByKey", entry.Str("operation"));
        Assert.Equal("updated", entry.Str("change"));
        var actor = entry.GetProperty("actor");
        Assert.Equal(("key", keyId, keyName), (actor.Str("kind"), actor.Str("keyId"), actor.Str("name")));
        Assert.EndsWith("Z", entry.Str("at"), StringComparison.Ordinal);
        Assert.Equal(app.Clock.GetUtcNow(), DateTimeOffset.Parse(entry.Str("at"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_personal_link_answer_is_recorded_as_token_with_the_invitation()
    {
        var (_, invitation, _) = await Published();

        (await app.Anonymous().PutJson($"/api/rsvp/{(await app.Token(invitation))}", new { status = "declined" })).EnsureSuccessStatusCode();

        var entry = Assert.Single(await Log($"resourceType=invitation&resourceId={invitation.Id()}"));
        Assert.Equal("AnswerByToken", entry.Str("operation"));
        var actor = entry.GetProperty("actor");
        Assert.Equal(("token", invitation.Id()), (actor.Str("kind"), actor.Str("invitationId")));
        Assert.False(actor.TryGetProperty("keyId", out var k) && k.ValueKind != JsonValueKind.Null);
        Assert.DoesNotContain(await app.Token(invitation), entry.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_committed_together_are_each_recorded_with_their_own_key()
    {
        var departments = new List<(string Department, string KeyId, string Key)>();
        for (var i = 0; i < 6; i++)
        {
            var department = await _admin.CreateDepartment();
            var (keyId, key) = await _admin.CreateKey("department", department);
            departments.Add((department, keyId, key));
        }

        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var invitations = await _admin.Invitations(meeting);
        string InvitationOf(string department) => invitations.Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department).Id();

        // Sent at once, they meet in the answers' group commit: one save for several callers.
        var answers = await Task.WhenAll(departments.Select(d => app.WithKey(d.Key).Answer(meeting, InvitationOf(d.Department), new { status = "tentative" })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        foreach (var (department, keyId, _) in departments)
        {
            var entry = Assert.Single(await Log($"resourceType=invitation&resourceId={InvitationOf(department)}"));
            Assert.Equal(keyId, entry.GetProperty("actor").Str("keyId"));
        }
    }

    [Fact]
    public async Task Publishing_is_one_entry_for_the_meeting_by_the_admin_not_one_per_invitation()
    {
        await _admin.CreateDepartment();
        var series = await _admin.CreateSeries();
        var draft = await _admin.CreateDraft(series, InAMonth);

        (await _admin.Action(draft.Id(), "publish")).EnsureSuccessStatusCode();

        var entries = await Log($"resourceType=meeting&resourceId={draft.Id()}");
        Assert.Equal(["PublishMeeting", "CreateMeeting"], entries.Select(e => e.Str("operation")));
        Assert.Equal(["updated", "created"], entries.Select(e => e.Str("change")));
        Assert.All(entries, e => Assert.Equal(("key", "bootstrap admin"), (e.GetProperty("actor").Str("kind"), e.GetProperty("actor").Str("name"))));
        var invitation = (await _admin.Invitations(draft.Id())).First();
        Assert.Empty(await Log($"resourceType=invitation&resourceId={invitation.Id()}"));
    }

    [Fact]
    public async Task The_audit_log_filters_by_key_and_time_and_pages_newest_first()
    {
        var (meeting, invitation, department) = await Published();
        var (keyId, key) = await _admin.CreateKey("department", department);
        var department2 = await _admin.CreateDepartment();
        var before = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        foreach (var status in new[] { "accepted", "declined", "tentative" })
        {
            (await app.WithKey(key).Answer(meeting, invitation.Id(), new { status })).EnsureSuccessStatusCode();
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var byKey = await (await _admin.GetAsync($"/api/audit?keyId={keyId}&take=2")).Json(HttpStatusCode.OK);
        var secondPage = await Log($"keyId={keyId}&take=2&skip=2");
        var window = await Log($"from={Uri.EscapeDataString(before.AddMinutes(2).ToString("O"))}&to={Uri.EscapeDataString(before.AddMinutes(3).ToString("O"))}");
        var beforeAnswers = await Log($"to={Uri.EscapeDataString(before.AddSeconds(1).ToString("O"))}&resourceType=department&resourceId={department2}");

        Assert.Equal(3, byKey.GetProperty("total").GetInt32());
        var firstPage = byKey.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(2, firstPage.Length);
        Assert.True(DateTimeOffset.Parse(firstPage[0].Str("at"), System.Globalization.CultureInfo.InvariantCulture)
                    > DateTimeOffset.Parse(firstPage[1].Str("at"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Single(secondPage);
        var inWindow = Assert.Single(window);
        Assert.Equal(invitation.Id(), inWindow.Str("resourceId"));
        Assert.Equal(("CreateDepartment", "created"), (Assert.Single(beforeAnswers).Str("operation"), beforeAnswers[0].Str("change")));
    }

    [Theory]
    [InlineData("resourceType=meetings", "resourceType")]
    [InlineData("from=2026-03-01T10:00:00", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("take=201", "take")]
    [InlineData("skip=-1", "skip")]
    public async Task Bad_filters_are_400s_that_name_the_field(string query, string field)
    {
        var errors = await (await _admin.GetAsync($"/api/audit?{query}")).ValidationErrors();

        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
    }

    [Fact]
    public async Task A_malformed_id_filter_is_a_400()
    {
        await (await _admin.GetAsync("/api/audit?keyId=not-a-guid")).Problem(HttpStatusCode.BadRequest);
        await (await _admin.GetAsync("/api/audit?resourceId=42")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_admin_keys_may_read_the_audit_log()
    {
        var department = await _admin.CreateDepartment();
        var (_, departmentKey) = await _admin.CreateKey("department", department);
        var (_, partnerKey) = await _admin.CreateKey("partner", cityId: await _admin.CreatePartnerCity());

        await (await app.WithKey(departmentKey).GetAsync("/api/audit")).Problem(HttpStatusCode.Forbidden);
        await (await app.WithKey(partnerKey).GetAsync("/api/audit")).Problem(HttpStatusCode.Forbidden);
        await (await app.Anonymous().GetAsync("/api/audit")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_retention_job_deletes_entries_older_than_the_retention_days_and_keeps_the_rest()
    {
        var old = await _admin.CreateDepartment();
        app.Clock.Advance(TimeSpan.FromDays(400));
        var recent = await _admin.CreateDepartment();
        app.Clock.Advance(TimeSpan.FromDays(331)); // 731 days after the first, 331 after the second

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditRetention>().PurgeAsync(CancellationToken.None);
        }

        Assert.Empty(await Log($"resourceType=department&resourceId={old}"));
        Assert.Single(await Log($"resourceType=department&resourceId={recent}"));
    }
}
