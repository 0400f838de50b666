using System.Net;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Security;

/// <summary>Finding 4 of the security review: a personal link ends with its person.</summary>
public sealed class TokenRotationTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private async Task<(string Meeting, JsonElement Department, string Token)> Invited()
    {
        var id = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(30));
        var department = await (await _admin.GetAsync($"/api/departments/{id}")).Json(HttpStatusCode.OK);
        return (meeting, department, await app.Token(await Invitation(meeting, id)));
    }

    private async Task<JsonElement> Invitation(string meeting, string departmentId) =>
        (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == departmentId);

    private Task<HttpResponseMessage> Put(JsonElement department, object head, bool active = true) =>
        _admin.PutJson($"/api/departments/{department.Id()}", new { code = department.Str("code"), name = department.Str("name"), head, active });

    [Fact]
    public async Task A_new_head_gets_a_new_link_and_the_predecessors_link_answers_404()
    {
        var (meeting, department, oldToken) = await Invited();
        await (await app.Anonymous().PutJson($"/api/rsvp/{oldToken}", new { status = "accepted" })).Json(HttpStatusCode.OK);

        await (await Put(department, new { name = "Neue Leitung", email = $"neu.{Guid.NewGuid():N}@augsburg.example" })).Json(HttpStatusCode.OK);

        var newToken = await app.Token(await Invitation(meeting, department.Id()));
        Assert.NotEqual(oldToken, newToken);
        await (await app.Anonymous().GetAsync($"/api/rsvp/{oldToken}")).Problem(HttpStatusCode.NotFound);
        await (await app.Anonymous().PutJson($"/api/rsvp/{oldToken}", new { status = "declined" })).Problem(HttpStatusCode.NotFound);
        var view = await (await app.Anonymous().GetAsync($"/api/rsvp/{newToken}")).Json(HttpStatusCode.OK);
        Assert.Equal("Neue Leitung", view.GetProperty("invitation").GetProperty("recipient").Str("name"));
    }

    [Fact]
    public async Task A_head_whose_name_alone_is_corrected_keeps_the_link()
    {
        var (meeting, department, token) = await Invited();
        var head = department.GetProperty("head");

        await (await Put(department, new { name = "Dr. " + head.Str("name"), email = head.Str("email") })).Json(HttpStatusCode.OK);

        Assert.Equal(token, await app.Token(await Invitation(meeting, department.Id())));
    }

    [Fact]
    public async Task A_reactivated_department_gets_a_new_link()
    {
        var (meeting, department, oldToken) = await Invited();
        var head = department.GetProperty("head");
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/departments/{department.Id()}")).StatusCode);

        await (await Put(department, new { name = head.Str("name"), email = head.Str("email") })).Json(HttpStatusCode.OK);

        var newToken = await app.Token(await Invitation(meeting, department.Id()));
        Assert.NotEqual(oldToken, newToken);
        await (await app.Anonymous().GetAsync($"/api/rsvp/{oldToken}")).Problem(HttpStatusCode.NotFound);
        await (await app.Anonymous().GetAsync($"/api/rsvp/{newToken}")).Json(HttpStatusCode.OK);
    }
}
