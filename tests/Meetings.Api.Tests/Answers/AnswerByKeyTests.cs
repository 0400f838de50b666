using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Answers;

public sealed class AnswerByKeyTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private static readonly DateTimeOffset InAMonth = MeetingsApp.Start.AddDays(30);
    private readonly HttpClient _admin = app.Admin();

    private async Task<(string Meeting, string Invitation, HttpClient Department)> Invited()
    {
        var department = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var invitation = (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department).Id();
        var (_, key) = await _admin.CreateKey("department", departmentId: department);
        return (meeting, invitation, app.WithKey(key));
    }

    [Fact]
    public async Task A_department_key_answers_its_invitation_and_the_history_says_how()
    {
        var (meeting, invitation, department) = await Invited();

        var answered = await (await department.Answer(meeting, invitation, new { status = "accepted", comment = "Gern" })).Json(HttpStatusCode.OK);

        Assert.Equal("accepted", answered.Str("status"));
        Assert.Equal("Gern", answered.Str("comment"));
        var entry = Assert.Single(answered.GetProperty("history").EnumerateArray());
        Assert.Equal("api", entry.Str("via"));
        Assert.Equal("accepted", entry.Str("status"));
        Assert.False(string.IsNullOrWhiteSpace(entry.Str("actor")));
    }

    [Fact]
    public async Task Repeating_the_current_answer_adds_no_history()
    {
        var (meeting, invitation, department) = await Invited();
        await department.Answer(meeting, invitation, new { status = "tentative" });

        var again = await (await department.Answer(meeting, invitation, new { status = "tentative" })).Json(HttpStatusCode.OK);

        Assert.Single(again.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task Another_departments_invitation_is_a_404_and_a_partner_key_a_403()
    {
        var (meeting, invitation, _) = await Invited();
        var (_, otherKey) = await _admin.CreateKey("department", departmentId: await _admin.CreateDepartment());
        var (_, partnerKey) = await _admin.CreateKey("partner", cityId: await _admin.CreatePartnerCity());

        await (await app.WithKey(otherKey).Answer(meeting, invitation, new { status = "declined" })).Problem(HttpStatusCode.NotFound);
        await (await app.WithKey(partnerKey).Answer(meeting, invitation, new { status = "declined" })).Problem(HttpStatusCode.Forbidden);
        var unchanged = (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation);
        Assert.Equal("pending", unchanged.Str("status"));
    }

    [Fact]
    public async Task Delegating_needs_the_delegate_who_then_comes_for_the_department()
    {
        var (meeting, invitation, department) = await Invited();

        var missing = await department.Answer(meeting, invitation, new { status = "delegated" });
        var delegated = await (await department.Answer(meeting, invitation, new { status = "delegated", @delegate = new { name = "Stefan Koch", email = "Stefan.Koch@augsburg.example" } }))
            .Json(HttpStatusCode.OK);

        Assert.True((await missing.ValidationErrors()).TryGetProperty("delegate", out _));
        Assert.Equal("stefan.koch@augsburg.example", delegated.GetProperty("delegate").Str("email"));
        var attendance = await (await _admin.GetAsync($"/api/meetings/{meeting}/attendance")).Json(HttpStatusCode.OK);
        var coming = Assert.Single(attendance.GetProperty("coming").EnumerateArray(), c => c.Str("invitationId") == invitation);
        Assert.Equal("Stefan Koch", coming.Str("name"));
        Assert.Equal(delegated.GetProperty("recipient").Str("email"), coming.GetProperty("onBehalfOf").Str("email"));
        Assert.Equal(1, attendance.GetProperty("counts").GetProperty("delegated").GetInt32());
    }

    [Fact]
    public async Task Invalid_answers_are_400s()
    {
        var (meeting, invitation, department) = await Invited();

        await (await department.Answer(meeting, invitation, new { status = "pending" })).ValidationErrors();
        await (await department.Answer(meeting, invitation, new { status = "maybe" })).ValidationErrors();
        await (await department.Answer(meeting, invitation, new { })).ValidationErrors();
        await (await department.Answer(meeting, invitation, new { status = "accepted", @delegate = new { name = "X", email = "x@y.example" } })).ValidationErrors();
    }

    [Fact]
    public async Task After_the_deadline_only_an_admin_records_an_answer()
    {
        var departmentId = await _admin.CreateDepartment();
        var series = await _admin.CreateSeries();
        var now = app.Clock.GetUtcNow();
        var draft = (await _admin.CreateDraft(series, now.AddDays(10), new { rsvpDeadline = now.AddDays(2).ToString("O") })).Id();
        await (await _admin.Action(draft, "publish")).Json(HttpStatusCode.OK);
        var invitation = (await _admin.Invitations(draft)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == departmentId).Id();
        var (_, key) = await _admin.CreateKey("department", departmentId: departmentId);
        app.Clock.Advance(TimeSpan.FromDays(3));

        var late = await app.WithKey(key).Answer(draft, invitation, new { status = "accepted" });
        var byAdmin = await (await _admin.Answer(draft, invitation, new { status = "accepted" })).Json(HttpStatusCode.OK);

        Assert.Contains("deadline", (await late.Problem(HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal("admin", byAdmin.GetProperty("history")[0].Str("via"));
    }

    [Fact]
    public async Task Answers_to_a_cancelled_meeting_or_a_withdrawn_invitation_are_409s()
    {
        var (meeting, invitation, department) = await Invited();
        var (otherMeeting, otherInvitation, _) = await Invited();
        await _admin.Action(meeting, "cancel");
        var withdrawnDepartment = (await _admin.Invitations(otherMeeting)).Single(i => i.Id() == otherInvitation).Str("departmentId");
        await _admin.DeleteAsync($"/api/departments/{withdrawnDepartment}");

        await (await department.Answer(meeting, invitation, new { status = "accepted" })).Problem(HttpStatusCode.Conflict);
        await (await _admin.Answer(otherMeeting, otherInvitation, new { status = "accepted" })).Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Rescheduling_resets_answers_to_pending_and_keeps_them_in_history()
    {
        var (meeting, invitation, department) = await Invited();
        await department.Answer(meeting, invitation, new { status = "accepted" });

        await (await _admin.Action(meeting, "reschedule", new { startsAt = InAMonth.AddDays(3).ToString("O"), endsAt = InAMonth.AddDays(3).AddHours(2).ToString("O") }))
            .Json(HttpStatusCode.OK);

        var after = (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation);
        Assert.Equal("pending", after.Str("status"));
        Assert.Equal(["accepted", "pending"], after.GetProperty("history").EnumerateArray().Select(h => h.Str("status")).ToArray());
    }
}
