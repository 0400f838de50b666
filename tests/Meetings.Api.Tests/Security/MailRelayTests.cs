using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Meetings.Api.Tests.Security;

/// <summary>
/// Finding 2 of the security review: the service as a mail relay. It mails only addresses it knows; a delegate gets a
/// link of its own, never the head's; an invitation's delegate changes at most five times a day.
/// </summary>
public sealed partial class MailRelayTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private const string Stranger = "anyone@elsewhere.example";
    private readonly HttpClient _admin = app.Admin();

    private async Task<(string Meeting, JsonElement Invitation, string DepartmentId)> Invited()
    {
        var departmentId = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30));
        var invitation = (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == departmentId);
        return (meeting, invitation, departmentId);
    }

    private static object Delegation(string email, string name = "Vera Vertretung") => new { status = "delegated", @delegate = new { name, email } };

    private static string LinkToken(MimeKit.MimeMessage mail) => PersonalLink().Match(mail.TextBody ?? string.Empty).Groups[1].Value;

    [Fact]
    public async Task A_delegate_outside_the_known_addresses_is_a_422_through_the_link_a_department_key_and_a_calendar_reply()
    {
        var (meeting, invitation, departmentId) = await Invited();
        var (_, departmentKey) = await _admin.CreateKey("department", departmentId: departmentId);
        var head = invitation.GetProperty("recipient").Str("email");

        var byLink = await app.Anonymous().PutJson($"/api/rsvp/{(await app.Token(invitation))}", Delegation(Stranger));
        var byKey = await app.WithKey(departmentKey).Answer(meeting, invitation.Id(), Delegation(Stranger));
        var byCalendar = await app.WithKey(departmentKey).SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "DELEGATED", Stranger, cn: "Vera"));
        await app.Dispatch();

        foreach (var refused in new[] { byLink, byKey, byCalendar })
        {
            var problem = await refused.Problem(HttpStatusCode.UnprocessableEntity);
            Assert.Contains("address", problem.Str("detail"), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal("pending", (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation.Id()).Str("status"));
        Assert.DoesNotContain(app.Smtp.Received, m => m.To.Mailboxes.Any(a => a.Address == Stranger));
    }

    [Fact]
    public async Task The_answer_page_refuses_a_delegate_outside_the_known_addresses_with_the_page_a_sentence_and_422_keeping_the_form()
    {
        var (meeting, invitation, _) = await Invited();

        var response = await app.Anonymous().PostAnswerPage(await app.Token(invitation),
            [new("Form.Choice", "other"), new("Form.DelegateName", "Vera Vertretung"), new("Form.DelegateEmail", Stranger), new("Form.Comment", "Ich bin im Urlaub.")]);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode); // as the API answers the same delegate
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("An diese Adresse verschickt der Dienst keine Post.", html, StringComparison.Ordinal);
        Assert.Contains(Stranger, html, StringComparison.Ordinal); // the form keeps what was entered
        Assert.Contains("Ich bin im Urlaub.", html, StringComparison.Ordinal);
        Assert.Equal("pending", (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation.Id()).Str("status"));
    }

    [Fact]
    public async Task A_delegate_in_a_domain_of_the_directory_is_taken_and_an_admin_may_name_any_address()
    {
        var (_, invitation, _) = await Invited();
        var (otherMeeting, other, _) = await Invited();

        var colleague = await app.Anonymous().PutJson($"/api/rsvp/{(await app.Token(invitation))}", Delegation("kollegin.neu@augsburg.example"));
        var byAdmin = await _admin.Answer(otherMeeting, other.Id(), Delegation("berater@extern-beratung.example"));

        Assert.Equal("delegated", (await colleague.Json(HttpStatusCode.OK)).GetProperty("invitation").Str("status"));
        Assert.Equal("berater@extern-beratung.example", (await byAdmin.Json(HttpStatusCode.OK)).GetProperty("delegate").Str("email"));
    }

    [Fact]
    public async Task The_delegates_mails_carry_a_token_of_its_own_and_never_the_heads()
    {
        var (meeting, invitation, departmentId) = await Invited();
        var headToken = await app.Token(invitation);
        var deputy = (await (await _admin.GetAsync($"/api/departments/{departmentId}")).Json(HttpStatusCode.OK)).GetProperty("deputy").Str("email");
        await app.Dispatch();

        await (await app.Anonymous().PutJson($"/api/rsvp/{headToken}", Delegation(deputy))).Json(HttpStatusCode.OK);
        await app.Dispatch();

        var toDeputy = Assert.Single(app.Smtp.To(deputy, meeting));
        var deputyToken = LinkToken(toDeputy);
        Assert.NotEqual(string.Empty, deputyToken);
        Assert.NotEqual(headToken, deputyToken);
        Assert.DoesNotContain(headToken, toDeputy.TextBody + toDeputy.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(headToken, LinkToken(Assert.Single(app.Smtp.To(invitation.GetProperty("recipient").Str("email"), meeting))));
        var view = await (await app.Anonymous().GetAsync($"/api/rsvp/{deputyToken}")).Json(HttpStatusCode.OK);
        Assert.Equal(invitation.Id(), view.GetProperty("invitation").Id());
        Assert.Equal(deputy, view.GetProperty("invitation").GetProperty("delegate").Str("email"));
    }

    [Fact]
    public async Task A_delegates_link_shows_the_invitation_but_the_answer_stays_the_heads()
    {
        var (meeting, invitation, _) = await Invited();
        await (await app.Anonymous().PutJson($"/api/rsvp/{(await app.Token(invitation))}", Delegation("vera.v@augsburg.example"))).Json(HttpStatusCode.OK);
        await app.Dispatch();
        var delegateToken = LinkToken(Assert.Single(app.Smtp.To("vera.v@augsburg.example", meeting)));

        var view = await (await app.Anonymous().GetAsync($"/api/rsvp/{delegateToken}")).Json(HttpStatusCode.OK);
        var answer = await app.Anonymous().PutJson($"/api/rsvp/{delegateToken}", new { status = "declined" });
        var redelegate = await app.Anonymous().PutJson($"/api/rsvp/{delegateToken}", Delegation("noch.jemand@augsburg.example"));

        Assert.True(view.GetProperty("forDelegate").GetBoolean());
        Assert.False(view.GetProperty("canRespond").GetBoolean());
        await answer.Problem(HttpStatusCode.Forbidden);
        await redelegate.Problem(HttpStatusCode.Forbidden);
        Assert.Equal("delegated", (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation.Id()).Str("status"));
    }

    [Fact]
    public async Task Naming_another_delegate_ends_the_previous_delegates_link()
    {
        var (meeting, invitation, _) = await Invited();
        var headToken = await app.Token(invitation);
        await (await app.Anonymous().PutJson($"/api/rsvp/{headToken}", Delegation("erste.v@augsburg.example"))).Json(HttpStatusCode.OK);
        await app.Dispatch();
        var first = LinkToken(Assert.Single(app.Smtp.To("erste.v@augsburg.example", meeting)));

        await (await app.Anonymous().PutJson($"/api/rsvp/{headToken}", Delegation("zweite.v@augsburg.example"))).Json(HttpStatusCode.OK);

        await (await app.Anonymous().GetAsync($"/api/rsvp/{first}")).Problem(HttpStatusCode.NotFound);
        await (await app.Anonymous().GetAsync($"/api/rsvp/{headToken}")).Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_invitations_delegate_changes_at_most_five_times_a_day()
    {
        var (_, invitation, _) = await Invited();
        var link = $"/api/rsvp/{(await app.Token(invitation))}";
        for (var i = 1; i <= 5; i++)
        {
            await (await app.Anonymous().PutJson(link, Delegation($"vertretung{i}@augsburg.example"))).Json(HttpStatusCode.OK);
        }

        var sixth = await app.Anonymous().PutJson(link, Delegation("vertretung6@augsburg.example"));
        var accepting = await app.Anonymous().PutJson(link, new { status = "accepted" });
        app.Clock.Advance(TimeSpan.FromHours(24));
        var nextDay = await app.Anonymous().PutJson(link, Delegation("vertretung6@augsburg.example"));

        var problem = await sixth.Problem(HttpStatusCode.Conflict);
        Assert.Contains("5", problem.Str("detail"), StringComparison.Ordinal);
        await accepting.Json(HttpStatusCode.OK);
        Assert.Equal("vertretung6@augsburg.example", (await nextDay.Json(HttpStatusCode.OK)).GetProperty("invitation").GetProperty("delegate").Str("email"));
    }

    [GeneratedRegex(@"https://intranet\.augsburg\.example/rsvp/([A-Za-z0-9_-]+)")]
    private static partial Regex PersonalLink();
}

/// <summary>An operator's own list of mail domains replaces the directory's.</summary>
public sealed class AllowedDomainsTests(AllowedDomainsTests.OwnDomainsApp app) : IClassFixture<AllowedDomainsTests.OwnDomainsApp>
{
    [Fact]
    public async Task Mail_AllowedDomains_names_the_domains_and_the_directory_stays_allowed()
    {
        var admin = app.Admin();
        var departmentId = await admin.CreateDepartment();
        var meeting = await admin.CreatePublished(await admin.CreateSeries(), MeetingsApp.Start.AddDays(30));
        var link = $"/api/rsvp/{(await app.Token((await admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == departmentId)))}";
        var deputy = (await (await admin.GetAsync($"/api/departments/{departmentId}")).Json(HttpStatusCode.OK)).GetProperty("deputy").Str("email");
        object To(string email) => new { status = "delegated", @delegate = new { name = "Vera Vertretung", email } };

        var directoryDomain = await app.Anonymous().PutJson(link, To("jemand.anderes@augsburg.example"));
        var configured = await app.Anonymous().PutJson(link, To("vera@muenchen.example"));
        var known = await app.Anonymous().PutJson(link, To(deputy));

        await directoryDomain.Problem(HttpStatusCode.UnprocessableEntity);
        await configured.Json(HttpStatusCode.OK);
        await known.Json(HttpStatusCode.OK);
    }

    public sealed class OwnDomainsApp : MeetingsApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Mail:AllowedDomains", "partner.example, muenchen.example");
        }
    }
}
