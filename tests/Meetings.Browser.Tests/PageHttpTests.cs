using System.Net;
using System.Text.RegularExpressions;
using Ical.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Browser.Tests;

/// <summary>The page as mail gateways and other sites see it: over plain HTTP, on the real port.</summary>
public sealed partial class PageHttpTests(PageApp app) : IClassFixture<PageApp>
{
    private readonly HttpClient _anyone = new() { BaseAddress = new Uri(app.BaseUrl) };

    [Fact]
    public async Task The_page_is_never_cached_never_indexed_runs_no_script_and_sends_no_referrer()
    {
        var invited = await app.InvitedHead();

        var response = await _anyone.GetAsync(invited.Link);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Contains("noindex", response.Headers.GetValues("X-Robots-Tag").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_get_with_any_query_changes_nothing_and_may_only_preselect_a_choice()
    {
        var invited = await app.InvitedHead();

        var preselected = await _anyone.GetStringAsync($"{invited.Link}?choice=declined&Form.Choice=accepted&status=accepted&saved=true");
        await _anyone.GetAsync($"{invited.Link}?handler=&Form.Choice=accepted&__RequestVerificationToken=x");
        await _anyone.GetAsync($"/rsvp/{invited.Token}/calendar.ics?status=accepted");

        var stored = await app.Invitation(invited);
        Assert.Equal("pending", stored.Str("status"));
        Assert.Empty(stored.GetProperty("history").EnumerateArray());
        Assert.Matches(@"value=""declined""\s+checked", preselected);
        Assert.DoesNotContain("Ihre Antwort ist gespeichert", preselected, StringComparison.Ordinal); // nothing was saved
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("zq9")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_unknown_link_is_a_404_page_that_says_only_that_it_is_not_valid(string token)
    {
        var response = await _anyone.GetAsync($"/rsvp/{token}");
        var html = await response.Content.ReadAsStringAsync();
        var posted = await _anyone.PostAsync($"/rsvp/{token}", new FormUrlEncodedContent([new("Form.Choice", "accepted")]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Dieser Link ist nicht gültig.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        Assert.DoesNotContain(token, html, StringComparison.Ordinal);
        Assert.Equal(Visible(html), Visible(await (await _anyone.GetAsync("/rsvp/another-unknown-link")).Content.ReadAsStringAsync()));
        Assert.True(posted.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{posted.StatusCode}");
        Assert.Equal(HttpStatusCode.NotFound, (await _anyone.GetAsync($"/rsvp/{token}/calendar.ics")).StatusCode);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_saves_nothing_and_says_why()
    {
        var invited = await app.InvitedHead();

        var response = await _anyone.PostAsync(invited.Link, new FormUrlEncodedContent([new("Form.Choice", "accepted")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Das Formular ist abgelaufen.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("pending", (await app.Invitation(invited)).Str("status"));
    }

    [Fact]
    public async Task In_den_Kalender_is_an_itip_request_with_the_invitee_as_the_one_attendee()
    {
        var invited = await app.InvitedHead();

        var response = await _anyone.GetAsync($"/rsvp/{invited.Token}/calendar.ics");
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("REQUEST", calendar.Method);
        var vevent = Assert.Single(calendar.Events);
        Assert.Equal($"{invited.MeetingId}@meetings", vevent.Uid);
        Assert.NotNull(vevent.Organizer);
        var attendee = Assert.Single(vevent.Attendees);
        Assert.Equal($"mailto:{invited.HeadEmail}", attendee.Value!.OriginalString);
    }

    [Fact]
    public async Task The_invitation_mail_carries_a_button_to_the_page_the_agenda_as_a_table_and_the_online_link()
    {
        var invited = await app.InvitedHead();

        var mail = app.Smtp.To(invited.HeadEmail, invited.MeetingId).Single();

        Assert.Matches($@"<a href=""{Regex.Escape(invited.Link)}""[^>]*>Jetzt antworten</a>", mail.HtmlBody);
        Assert.Contains("<th scope=\"col\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Einführung der E-Akte", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://video.augsburg.example/amtsleitung\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"Jetzt antworten: {invited.Link}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Dr. Anna Huber, IT-Direktorin, Landeshauptstadt München: „Die E-Akte in München“", mail.TextBody, StringComparison.Ordinal);
    }

    /// <summary>What a reader sees: the text without tags and the antiforgery noise.</summary>
    private static string Visible(string html) => Tags().Replace(html, " ");

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
