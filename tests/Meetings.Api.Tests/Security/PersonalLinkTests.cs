using System.Net;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Tests.Security;

/// <summary>
/// Finding of issue 19: admin responses carried every invitation's personal link, with which the office could read a
/// person's own feedback. No response carries a link now (nor does the OpenAPI document declare one); the office has a
/// link mailed again to its holder: <c>POST /api/meetings/{id}/invitations/{invitationId}/resend-link</c>.
/// </summary>
public sealed class PersonalLinkTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private const string Deputy = "vera.vertretung@augsburg.example";

    private readonly HttpClient _admin = app.Admin();

    /// <summary>A published meeting a month ahead whose department head delegated to <see cref="Deputy"/> by the personal link; every mail sent.</summary>
    private async Task<(string Meeting, string Department, JsonElement Invitation)> Delegated()
    {
        var department = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30));
        var invitation = Assert.Single(await _admin.Invitations(meeting), i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department);
        await (await app.Anonymous().PutJson($"/api/rsvp/{await app.Token(invitation)}", new
        {
            status = "delegated",
            @delegate = new { name = "Vera Vertretung", email = Deputy },
        })).Json(HttpStatusCode.OK);
        await app.Dispatch();
        return (meeting, department, invitation);
    }

    private Task<HttpResponseMessage> Resend(string meeting, string invitation, HttpClient? client = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/meetings/{meeting}/invitations/{invitation}/resend-link");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return (client ?? _admin).SendAsync(request);
    }

    /// <summary>Every personal link of the meeting's invitations, the invitees' and the delegates'.</summary>
    private Task<List<string>> AllLinks(string meeting)
    {
        var id = Guid.Parse(meeting);
        return app.Db(async db => (await db.Invitations.AsNoTracking().Where(i => i.MeetingId == id).Select(i => new { i.Token, i.DelegateToken }).ToListAsync())
            .SelectMany(i => new[] { i.Token, i.DelegateToken }).OfType<string>().ToList());
    }

    private static IEnumerable<string> PropertyNames(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => (p.Name == "properties" && p.Value.ValueKind == JsonValueKind.Object
            ? p.Value.EnumerateObject().Select(q => q.Name)
            : []).Concat(PropertyNames(p.Value))),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(PropertyNames),
        _ => [],
    };

    [Fact]
    public async Task No_response_carries_a_personal_link_and_the_OpenAPI_document_declares_none()
    {
        var (meeting, department, invitation) = await Delegated();
        var other = (await _admin.Invitations(meeting)).First(i => i.Str("kind") == "host");
        var departmentKey = app.WithKey((await _admin.CreateKey("department", department)).Key);

        var bodies = new List<string>
        {
            await (await _admin.GetAsync($"/api/meetings/{meeting}/invitations?take=200")).Content.ReadAsStringAsync(),
            await (await _admin.GetAsync($"/api/meetings/{meeting}/invitations/{invitation.Id()}/history")).Content.ReadAsStringAsync(),
            await (await _admin.GetAsync($"/api/meetings/{meeting}/attendance")).Content.ReadAsStringAsync(),
            await (await _admin.GetAsync($"/api/meetings/{meeting}")).Content.ReadAsStringAsync(),
            await (await _admin.GetAsync($"/api/meetings/{meeting}/deliveries?take=200")).Content.ReadAsStringAsync(),
            await (await _admin.GetAsync($"/api/audit?take=200")).Content.ReadAsStringAsync(),
            await (await _admin.Answer(meeting, other.Id(), new { status = "accepted" })).Content.ReadAsStringAsync(),
            await (await Resend(meeting, invitation.Id())).Content.ReadAsStringAsync(),
            await (await departmentKey.GetAsync($"/api/meetings/{meeting}/invitations")).Content.ReadAsStringAsync(),
            await (await departmentKey.Answer(meeting, invitation.Id(), new { status = "accepted" })).Content.ReadAsStringAsync(),
        };
        var served = await app.Anonymous().GetStringAsync("/swagger/v1/swagger.json");
        var committed = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docs", "openapi.json"));
        var links = await AllLinks(meeting);

        Assert.True(links.Count >= 3); // the head's, the delegate's, the hosts'
        Assert.All(bodies, body => Assert.All(links, link => Assert.DoesNotContain(link, body, StringComparison.Ordinal)));
        foreach (var document in new[] { served, committed })
        {
            var names = PropertyNames(JsonDocument.Parse(document).RootElement).ToHashSet(StringComparer.Ordinal);
            Assert.Contains("recipient", names); // the walk sees the schemas' properties
            Assert.DoesNotContain(names, n => n.EndsWith("Token", StringComparison.Ordinal));
            Assert.DoesNotContain("rsvpToken", document, StringComparison.Ordinal);
            Assert.DoesNotContain("delegateToken", document, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Resend_link_mails_the_holder_once_per_request_with_the_holders_own_link()
    {
        var (meeting, _, invitation) = await Delegated();
        var head = invitation.GetProperty("recipient").Str("email");
        var (toDeputy, toHead) = (app.Smtp.To(Deputy, meeting).Count, app.Smtp.To(head, meeting).Count);

        var first = await (await Resend(meeting, invitation.Id())).Json(HttpStatusCode.Accepted);
        await app.Dispatch();
        var mailed = app.Smtp.To(Deputy, meeting);
        var second = await Resend(meeting, invitation.Id(), idempotencyKey: "resend-1");
        var retried = await Resend(meeting, invitation.Id(), idempotencyKey: "resend-1");
        await app.Dispatch();
        var audit = await (await _admin.GetAsync($"/api/audit?resourceType=invitation&resourceId={invitation.Id()}")).Json(HttpStatusCode.OK);

        Assert.Equal(("invitation", Deputy, "queued"), (first.Str("kind"), first.GetProperty("recipient").Str("email"), first.Str("status")));
        Assert.Equal(toDeputy + 1, mailed.Count);
        var resent = mailed.Last();
        Assert.StartsWith("Einladung", resent.Subject, StringComparison.Ordinal);
        var link = Links.TokenIn(resent);
        Assert.Equal(await app.DelegateToken(invitation.Id()), link); // the delegate's own link
        Assert.NotEqual(await app.Token(invitation), link); // never the head's
        Assert.True((await (await app.Anonymous().GetAsync($"/api/rsvp/{link}")).Json(HttpStatusCode.OK)).GetProperty("forDelegate").GetBoolean());
        await second.Json(HttpStatusCode.Accepted);
        await retried.Json(HttpStatusCode.Accepted);
        Assert.Equal("true", retried.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(toDeputy + 2, app.Smtp.To(Deputy, meeting).Count); // once per request; the retry with the same key sent nothing
        Assert.Equal(toHead, app.Smtp.To(head, meeting).Count);
        var entries = audit.GetProperty("items").EnumerateArray().Where(e => e.Str("operation") == "ResendInvitationLink").ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(("invitation", "key"), (e.Str("resourceType"), e.GetProperty("actor").Str("kind"))));
    }

    [Fact]
    public async Task After_the_meeting_the_link_goes_again_as_the_feedback_request_to_whoever_attended()
    {
        var department = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(1));
        var invitation = Assert.Single(await _admin.Invitations(meeting), i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department);
        var absent = (await _admin.Invitations(meeting)).First(i => i.Str("kind") == "host");
        app.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromHours(4)));
        await (await _admin.Action(meeting, "complete", new { attendedInvitationIds = new[] { invitation.Id() } })).Json(HttpStatusCode.OK);
        await app.Dispatch();
        var head = invitation.GetProperty("recipient").Str("email");
        var before = app.Smtp.To(head, meeting).Count;

        var resent = await (await Resend(meeting, invitation.Id())).Json(HttpStatusCode.Accepted);
        var notAttended = await Resend(meeting, absent.Id());
        await app.Dispatch();

        Assert.Equal("feedback-request", resent.Str("kind"));
        await notAttended.Problem(HttpStatusCode.Conflict);
        var mails = app.Smtp.To(head, meeting);
        Assert.Equal(before + 1, mails.Count);
        Assert.Equal(await app.Token(invitation), Links.TokenIn(mails.Last()));
    }

    [Fact]
    public async Task Resend_link_is_a_404_for_what_does_not_exist_a_409_when_no_link_serves_and_the_offices_alone()
    {
        var department = await _admin.CreateDepartment();
        var series = await _admin.CreateSeries();
        var meeting = await _admin.CreatePublished(series, app.Clock.GetUtcNow().AddDays(30));
        var elsewhere = await _admin.CreatePublished(series, app.Clock.GetUtcNow().AddDays(31));
        var cancelled = await _admin.CreatePublished(series, app.Clock.GetUtcNow().AddDays(32));
        var invitation = Assert.Single(await _admin.Invitations(meeting), i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department);
        var ofCancelled = (await _admin.Invitations(cancelled)).First();
        await (await _admin.Action(cancelled, "cancel")).Json(HttpStatusCode.OK);
        var departmentKey = app.WithKey((await _admin.CreateKey("department", department)).Key);
        var byDepartment = await Resend(meeting, invitation.Id(), departmentKey);
        (await _admin.DeleteAsync($"/api/departments/{department}")).EnsureSuccessStatusCode(); // deactivated: its invitation is withdrawn

        await (await Resend(Guid.NewGuid().ToString(), invitation.Id())).Problem(HttpStatusCode.NotFound);
        await (await Resend(meeting, Guid.NewGuid().ToString())).Problem(HttpStatusCode.NotFound);
        await (await Resend(elsewhere, invitation.Id())).Problem(HttpStatusCode.NotFound);
        await (await Resend(meeting, invitation.Id())).Problem(HttpStatusCode.Conflict);
        await (await Resend(cancelled, ofCancelled.Id())).Problem(HttpStatusCode.Conflict);
        await byDepartment.Problem(HttpStatusCode.Forbidden);
    }
}
