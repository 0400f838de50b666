using System.Net;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meetings.Browser.Tests;

/// <summary>
/// The feedback form of the answer page, reached through the link in a real feedback-request mail: star ratings as radio
/// groups used with the keyboard alone, with and without JavaScript; axe-core clean; 360 px wide without sideways scrolling.
/// </summary>
public sealed class FeedbackFormTests(PageApp app) : IClassFixture<PageApp>
{
    private const string MeetingLegend = "Wie bewerten Sie das Treffen insgesamt?";
    private const string TalkLegend = "Vortrag: Die E-Akte in München (Dr. Anna Huber)";

    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public enum State
    {
        Open,
        Saved,
        Refused,
        Closed,
        English,
    }

    /// <summary>A head invited, the meeting completed an hour after its end with the head attending; the feedback-request mail sent.</summary>
    private async Task<(Invited Invited, string Link, DateTimeOffset End)> Completed()
    {
        var invited = await app.InvitedHead();
        var admin = app.Admin();
        var end = (await (await admin.GetAsync($"/api/meetings/{invited.MeetingId}")).Json(HttpStatusCode.OK)).GetProperty("endsAt").GetDateTimeOffset();
        if (app.Clock.GetUtcNow() < end.AddHours(1))
        {
            app.Clock.SetUtcNow(end.AddHours(1));
        }

        await (await admin.Action(invited.MeetingId, "complete", new { attendedInvitationIds = new[] { invited.InvitationId } })).Json(HttpStatusCode.OK);
        await app.DispatchAll();
        var mail = app.Smtp.To(invited.HeadEmail, invited.MeetingId).Last();
        Assert.Equal("FeedbackRequest", mail.Headers["X-Meetings-Kind"]);
        return (invited, app.LinkInMail(invited.HeadEmail, invited.MeetingId), end);
    }

    private Task<JsonElement> Summary(string meeting) => app.Admin().GetAsync($"/api/meetings/{meeting}/feedback").ContinueWith(t => t.Result.Json(HttpStatusCode.OK)).Unwrap();

    private static ILocator Stars(IPage page, string legend, string name) =>
        page.GetByRole(AriaRole.Group, new() { Name = legend }).GetByRole(AriaRole.Radio, new() { Name = name, Exact = true });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Feedback_given_with_the_keyboard_alone_is_saved_thanked_for_in_words_and_shown_again_for_a_change(bool javaScript)
    {
        var (invited, link, _) = await Completed();
        var page = await app.NewPage(javaScript);
        await page.GotoAsync(link);

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Zum Rückmeldeformular" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        await Expect(Stars(page, MeetingLegend, "0 Sterne")).ToBeFocusedAsync();
        for (var n = 0; n < 4; n++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await page.Keyboard.PressAsync("Tab");
        await Expect(Stars(page, TalkLegend, "Keine Angabe")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowLeft"); // from "no rating" back to 5 stars
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Kommentar (freiwillig)")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Gern wieder so.");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Rückmeldung senden" })).ToBeFocusedAsync();
        var response = await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Enter"), r => r.Request.Method == "POST");

        Assert.Equal(303, response.Status);
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Danke für Ihre Rückmeldung.");
        await Expect(Stars(page, MeetingLegend, "4 Sterne")).ToBeCheckedAsync();
        await Expect(Stars(page, TalkLegend, "5 Sterne")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Kommentar (freiwillig)")).ToHaveValueAsync("Gern wieder so.");
        var summary = await Summary(invited.MeetingId);
        Assert.Equal((1, 4m), (summary.GetProperty("responses").GetInt32(), summary.GetProperty("average").GetDecimal()));
        Assert.Equal(5m, summary.GetProperty("items").EnumerateArray().Single().GetProperty("average").GetDecimal());

        await page.ReloadAsync(); // the thanks came once; the current feedback stays, to be changed
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await Stars(page, MeetingLegend, "2 Sterne").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rückmeldung senden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Danke für Ihre Rückmeldung.");
        Assert.Equal(2m, (await Summary(invited.MeetingId)).GetProperty("average").GetDecimal());
    }

    [Fact]
    public async Task A_feedback_without_the_meetings_rating_is_refused_in_words_with_400_as_in_the_api_and_the_form_keeps_what_was_entered()
    {
        var (_, link, _) = await Completed();
        var page = await app.NewPage(javaScript: false);
        await page.GotoAsync(link);

        await Stars(page, TalkLegend, "3 Sterne").CheckAsync();
        await page.GetByLabel("Kommentar (freiwillig)").FillAsync("Der Vortrag war gut.");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Rückmeldung senden" }).ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal(400, response.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ihre Rückmeldung wurde nicht gespeichert.");
        await Expect(page.GetByText("Bitte wählen Sie für das Treffen 0 bis 5 Sterne.")).ToBeVisibleAsync();
        await Expect(Stars(page, TalkLegend, "3 Sterne")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Kommentar (freiwillig)")).ToHaveValueAsync("Der Vortrag war gut.");
    }

    [Fact]
    public async Task A_feedback_sent_after_the_14_days_is_refused_in_words_with_409()
    {
        var (invited, link, end) = await Completed();
        var page = await app.NewPage(javaScript: false);
        app.Clock.SetUtcNow(end.AddDays(13));
        await page.GotoAsync(link);
        await Stars(page, MeetingLegend, "5 Sterne").CheckAsync();

        app.Clock.SetUtcNow(end.AddDays(15));
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Rückmeldung senden" }).ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal(409, response.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Rückmeldungen waren bis");
        Assert.Equal(0, (await Summary(invited.MeetingId)).GetProperty("responses").GetInt32());
    }

    [Fact]
    public async Task A_feedback_post_without_its_antiforgery_token_saves_nothing_and_a_get_of_its_address_changes_nothing()
    {
        var (invited, link, _) = await Completed();
        using var anyone = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = link[(link.LastIndexOf('/') + 1)..];

        var posted = await anyone.PostAsync($"/rsvp/{token}/feedback", new FormUrlEncodedContent([new("Feedback.Rating", "5")]));
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        var opened = await noRedirects.GetAsync($"/rsvp/{token}/feedback?Feedback.Rating=5");

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("Das Formular ist abgelaufen.", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((int)opened.StatusCode is >= 300 and < 400, $"{opened.StatusCode}");
        Assert.Equal(0, (await Summary(invited.MeetingId)).GetProperty("responses").GetInt32());
    }

    [Fact]
    public async Task A_link_whose_holder_did_not_attend_says_so_in_words_shows_no_form_and_a_post_is_refused_with_403()
    {
        var invited = await app.InvitedHead();
        var admin = app.Admin();
        var end = (await (await admin.GetAsync($"/api/meetings/{invited.MeetingId}")).Json(HttpStatusCode.OK)).GetProperty("endsAt").GetDateTimeOffset();
        app.Clock.SetUtcNow(end.AddHours(1));
        await (await admin.Action(invited.MeetingId, "complete", new { attendedInvitationIds = Array.Empty<string>() })).Json(HttpStatusCode.OK);
        await app.DispatchAll();
        var page = await app.NewPage(javaScript: false);

        await page.GotoAsync(invited.Link);

        await Expect(page.GetByText("Rückmeldungen geben die Teilnehmenden des Treffens; für diese Einladung ist keine Teilnahme vermerkt.")).ToBeVisibleAsync();
        await Expect(page.Locator("#feedback-form")).ToHaveCountAsync(0);
        Assert.DoesNotContain(app.Smtp.To(invited.HeadEmail, invited.MeetingId), m => m.Headers["X-Meetings-Kind"] == "FeedbackRequest");
        var response = await page.APIRequest.PutAsync($"/api/rsvp/{invited.Token}/feedback", new() { DataObject = new { rating = 5 } });
        Assert.Equal(403, response.Status);
    }

    private async Task<IPage> PageIn(State state, int width)
    {
        var (_, link, end) = await Completed();
        var page = await app.NewPage(width: width);
        switch (state)
        {
            case State.Open:
                await page.GotoAsync(link);
                break;
            case State.Saved:
                await page.GotoAsync(link);
                await Stars(page, MeetingLegend, "4 Sterne").CheckAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Rückmeldung senden" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
                break;
            case State.Refused:
                await page.GotoAsync(link);
                await page.GetByLabel("Kommentar (freiwillig)").FillAsync("Ohne Sterne.");
                await page.GetByRole(AriaRole.Button, new() { Name = "Rückmeldung senden" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
                break;
            case State.Closed:
                app.Clock.SetUtcNow(end.AddDays(15));
                await page.GotoAsync(link);
                await Expect(page.GetByText("Rückmeldungen waren bis")).ToBeVisibleAsync();
                break;
            case State.English:
                await page.GotoAsync(link + "?lang=en");
                await Expect(page.GetByRole(AriaRole.Group, new() { Name = "How do you rate the meeting overall?" })).ToBeVisibleAsync();
                break;
        }

        return page;
    }

    [Theory]
    [InlineData(State.Open)]
    [InlineData(State.Saved)]
    [InlineData(State.Refused)]
    [InlineData(State.Closed)]
    [InlineData(State.English)]
    public async Task Axe_finds_no_WCAG_2_1_A_or_AA_violation_in_the_feedback_form(State state)
    {
        var page = await PageIn(state, width: 1280);

        var result = await page.RunAxe(Wcag21AA).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.Violations.Length == 0,
            string.Join("\n", result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
        Assert.NotEmpty(result.Passes);
    }

    [Theory]
    [InlineData(State.Open)]
    [InlineData(State.Refused)]
    public async Task At_360_pixels_the_feedback_form_needs_no_sideways_scrolling(State state)
    {
        var page = await PageIn(state, width: 360);

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");

        Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide on a {widths[1]} px screen");
    }
}
