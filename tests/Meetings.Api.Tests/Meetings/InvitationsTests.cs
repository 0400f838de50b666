using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Meetings;

/// <summary>Invitations follow the departments while a meeting is ahead; scopes of who sees what.</summary>
public sealed class InvitationsTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private static readonly DateTimeOffset InAMonth = MeetingsApp.Start.AddDays(30);
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task A_department_created_after_publishing_is_invited_at_once()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);

        var late = await _admin.CreateDepartment();

        var invitation = Assert.Single(await _admin.Invitations(meeting), i => i.TryGetProperty("departmentId", out var d) && d.GetString() == late);
        Assert.Equal("pending", invitation.Str("status"));
    }

    [Fact]
    public async Task Deactivating_a_department_withdraws_its_open_invitation_and_reactivating_restores_it()
    {
        var department = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var before = await Attendance(meeting);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/departments/{department}")).StatusCode);

        var withdrawn = Assert.Single(await _admin.Invitations(meeting), i => Of(i, department));
        Assert.True(withdrawn.TryGetProperty("withdrawnAt", out _));
        Assert.Equal(before - 1, await Attendance(meeting));

        var current = await (await _admin.GetAsync($"/api/departments/{department}")).Json(HttpStatusCode.OK);
        await (await _admin.PutJson($"/api/departments/{department}", new
        {
            code = current.Str("code"), name = current.Str("name"), active = true,
            head = new { name = current.GetProperty("head").Str("name"), email = current.GetProperty("head").Str("email") },
        })).Json(HttpStatusCode.OK);

        var restored = Assert.Single(await _admin.Invitations(meeting), i => Of(i, department));
        Assert.False(restored.TryGetProperty("withdrawnAt", out _));
        Assert.Equal(before, await Attendance(meeting));
    }

    [Fact]
    public async Task A_new_head_takes_over_the_departments_open_invitation()
    {
        var department = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var current = await (await _admin.GetAsync($"/api/departments/{department}")).Json(HttpStatusCode.OK);

        await (await _admin.PutJson($"/api/departments/{department}", new
        {
            code = current.Str("code"), name = current.Str("name"),
            head = new { name = "Neue Leitung", email = "neue.leitung@augsburg.example", title = "Amtsleiterin" },
        })).Json(HttpStatusCode.OK);

        var invitation = Assert.Single(await _admin.Invitations(meeting), i => Of(i, department));
        Assert.Equal("neue.leitung@augsburg.example", invitation.GetProperty("recipient").Str("email"));
        Assert.Equal("Neue Leitung", invitation.GetProperty("recipient").Str("name"));
    }

    [Fact]
    public async Task Meetings_that_have_started_keep_their_invitations_when_a_department_changes()
    {
        var department = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddHours(1));
        app.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/departments/{department}")).StatusCode);

        var invitation = Assert.Single(await _admin.Invitations(meeting), i => Of(i, department));
        Assert.False(invitation.TryGetProperty("withdrawnAt", out _));
    }

    [Fact]
    public async Task A_department_key_sees_only_its_own_invitation_and_no_token()
    {
        var mine = await _admin.CreateDepartment();
        await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth.AddDays(5));
        var (_, key) = await _admin.CreateKey("department", departmentId: mine);
        var department = app.WithKey(key);

        var seen = await department.Invitations(meeting);

        var invitation = Assert.Single(seen);
        Assert.Equal(mine, invitation.Str("departmentId"));
        Assert.False(invitation.TryGetProperty("rsvpToken", out _));
        await (await department.GetAsync($"/api/meetings/{meeting}/attendance")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_partner_key_cannot_list_invitations()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth.AddDays(6));
        var (_, key) = await _admin.CreateKey("partner", cityId: await _admin.CreatePartnerCity());

        var response = await app.WithKey(key).GetAsync($"/api/meetings/{meeting}/invitations");

        await response.Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Completing_records_who_attended()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddHours(1));
        var invitations = await _admin.Invitations(meeting);
        var tooEarly = await _admin.Action(meeting, "complete", new { attendedInvitationIds = new[] { invitations[0].Id() } });
        await tooEarly.Problem(HttpStatusCode.Conflict);
        app.Clock.Advance(TimeSpan.FromHours(2));

        var unknown = await _admin.Action(meeting, "complete", new { attendedInvitationIds = new[] { Guid.NewGuid() } });
        var completed = await (await _admin.Action(meeting, "complete", new { attendedInvitationIds = new[] { invitations[0].Id(), invitations[1].Id() } }))
            .Json(HttpStatusCode.OK);

        Assert.True((await unknown.ValidationErrors()).TryGetProperty("attendedInvitationIds", out _));
        Assert.Equal("completed", completed.Str("status"));
        var attendance = await (await _admin.GetAsync($"/api/meetings/{meeting}/attendance")).Json(HttpStatusCode.OK);
        Assert.Equal(2, attendance.GetProperty("attended").GetInt32());
        var attended = (await _admin.Invitations(meeting)).Count(i => i.TryGetProperty("attended", out var a) && a.GetBoolean());
        Assert.Equal(2, attended);
        await (await _admin.Action(meeting, "complete")).Problem(HttpStatusCode.Conflict);
        await (await _admin.Action(meeting, "cancel")).Problem(HttpStatusCode.Conflict);
    }

    private static bool Of(System.Text.Json.JsonElement invitation, string departmentId) =>
        invitation.TryGetProperty("departmentId", out var d) && d.GetString() == departmentId;

    private async Task<int> Attendance(string meeting) =>
        (await (await _admin.GetAsync($"/api/meetings/{meeting}/attendance")).Json(HttpStatusCode.OK)).GetProperty("invited").GetInt32();
}
