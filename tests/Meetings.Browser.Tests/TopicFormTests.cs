using System.Net;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meetings.Browser.Tests;

/// <summary>
/// The "Thema anmelden" form of a head's answer page while a call for topics is open, reached through the link in the real
/// topic-call mail: used with the keyboard alone, with and without JavaScript; refused input in words with the form kept;
/// axe-core clean; 360 px wide without sideways scrolling.
/// </summary>
public sealed class TopicFormTests(PageApp app) : IClassFixture<PageApp>
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public enum State
    {
        Open,
        Saved,
        Refused,
    }

    /// <summary>A head invited, the call for topics opened (deadline in 10 days), the topic-call mail sent; its link.</summary>
    private async Task<(Invited Invited, string Link)> Called()
    {
        var invited = await app.InvitedHead();
        await (await app.Admin().PutJson($"/api/meetings/{invited.MeetingId}/topic-call",
            new { deadline = app.Clock.GetUtcNow().AddDays(10), note = "Bitte Projekte mit Entscheidungsbedarf." })).Json(HttpStatusCode.OK);
        await app.DispatchAll();
        var mail = app.Smtp.To(invited.HeadEmail, invited.MeetingId).Last();
        Assert.Equal("TopicCall", mail.Headers["X-Meetings-Kind"]);
        return (invited, app.LinkInMail(invited.HeadEmail, invited.MeetingId));
    }

    private async Task<string[]> Topics(string meeting) =>
        (await (await app.Admin().GetAsync($"/api/meetings/{meeting}/topics")).Json(HttpStatusCode.OK))
        .GetProperty("items").EnumerateArray().Select(t => t.Str("title")).ToArray();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_topic_proposed_with_the_keyboard_alone_is_saved_confirmed_in_words_and_listed_with_its_status(bool javaScript)
    {
        var (invited, link) = await Called();
        var page = await app.NewPage(javaScript);
        await page.GotoAsync(link + "#topics");
        // The browser moves to the fragment (and starts the Tab order there) in a frame after the load event; on a
        // loaded machine a Tab pressed before that frame starts at the top of the page.
        await Expect(page.Locator("#topics")).ToBeInViewportAsync();

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Titel des Themas")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("E-Akte-Pilot im Bürgeramt");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Worum geht es? (freiwillig)")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Stand nach drei Monaten.");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Gewünschte Dauer in Minuten")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("20");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Wir brauchen eine Entscheidung der Runde.")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Thema anmelden" })).ToBeFocusedAsync();
        var response = await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Enter"), r => r.Request.Method == "POST");

        Assert.Equal(303, response.Status);
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Ihr Thema ist angemeldet.");
        await Expect(page.Locator("#topics li")).ToContainTextAsync("E-Akte-Pilot im Bürgeramt (20 Minuten): angemeldet, noch nicht entschieden");
        Assert.Equal(["E-Akte-Pilot im Bürgeramt"], await Topics(invited.MeetingId));
        var topic = (await (await app.Admin().GetAsync($"/api/meetings/{invited.MeetingId}/topics")).Json(HttpStatusCode.OK)).GetProperty("items")[0];
        Assert.True(topic.GetProperty("decisionNeeded").GetBoolean());
        Assert.Equal("Julia Hoffmann", topic.GetProperty("presenter").Str("name"));
    }

    [Fact]
    public async Task Refused_minutes_are_explained_in_words_with_400_as_in_the_api_and_the_form_keeps_what_was_entered()
    {
        var (invited, link) = await Called();
        var page = await app.NewPage(javaScript: false);
        await page.GotoAsync(link);

        await page.GetByLabel("Titel des Themas").FillAsync("Zu lang");
        await page.GetByLabel("Gewünschte Dauer in Minuten").FillAsync("200");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Thema anmelden" }).ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal(400, response.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Das Thema wurde nicht angemeldet.");
        await Expect(page.GetByText("Bitte geben Sie eine Dauer von 5 bis 120 Minuten an.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Titel des Themas")).ToHaveValueAsync("Zu lang");
        await Expect(page.GetByLabel("Gewünschte Dauer in Minuten")).ToHaveValueAsync("200");
        Assert.Empty(await Topics(invited.MeetingId));
    }

    [Fact]
    public async Task A_topic_sent_after_the_deadline_is_refused_in_words_with_409_and_a_post_without_antiforgery_saves_nothing()
    {
        var (invited, link) = await Called();
        var page = await app.NewPage(javaScript: false);
        await page.GotoAsync(link);
        await page.GetByLabel("Titel des Themas").FillAsync("Zu spät");
        await page.GetByLabel("Gewünschte Dauer in Minuten").FillAsync("10");

        app.Clock.Advance(TimeSpan.FromDays(11));
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Thema anmelden" }).ClickAsync(), r => r.Request.Method == "POST");
        using var anyone = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var forged = await anyone.PostAsync($"/rsvp/{invited.Token}/topics", new FormUrlEncodedContent([new("Topic.Title", "Fremd"), new("Topic.RequestedMinutes", "10")]));

        Assert.Equal(409, response.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Die Themenanmeldung für dieses Treffen ist geschlossen.");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(await Topics(invited.MeetingId));
    }

    [Fact]
    public async Task A_draft_meetings_call_link_opens_the_planned_meeting_with_the_topic_form_and_no_answer_form()
    {
        var admin = app.Admin();
        var head = $"leitung.{Guid.NewGuid():N}@augsburg.example";
        var department = await admin.CreateDepartment(headEmail: head);
        var draft = (await admin.CreateDraft(await admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30))).Id();
        await (await admin.PutJson($"/api/meetings/{draft}/topic-call", new { deadline = app.Clock.GetUtcNow().AddDays(10) })).Json(HttpStatusCode.OK);
        await app.DispatchAll();
        var link = app.LinkInMail(head, draft);
        var page = await app.NewPage(width: 360); // axe needs script; the form itself works without (the tests above)

        await page.GotoAsync(link);
        await Expect(page.GetByText("Das Treffen ist in Planung; die Einladung folgt.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" })).ToHaveCountAsync(0);
        await page.GetByLabel("Titel des Themas").FillAsync("Digitale Bauakte");
        await page.GetByLabel("Gewünschte Dauer in Minuten").FillAsync("15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thema anmelden" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Ihr Thema ist angemeldet.");
        Assert.Equal(["Digitale Bauakte"], await Topics(draft));
        var result = await page.RunAxe(Wcag21AA).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help}")));
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide on a {widths[1]} px screen");
        Assert.NotEqual(department, link);
    }

    private async Task<IPage> PageIn(State state, int width)
    {
        var (_, link) = await Called();
        var page = await app.NewPage(width: width);
        await page.GotoAsync(link);
        if (state != State.Open)
        {
            await page.GetByLabel("Titel des Themas").FillAsync("Ein Thema mit einem recht langen Titel, der umbrechen muss");
            await page.GetByLabel("Gewünschte Dauer in Minuten").FillAsync(state == State.Saved ? "15" : "0");
            await page.GetByRole(AriaRole.Button, new() { Name = "Thema anmelden" }).ClickAsync();
            await Expect(state == State.Saved ? page.GetByRole(AriaRole.Status) : page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        }

        return page;
    }

    [Theory]
    [InlineData(State.Open)]
    [InlineData(State.Saved)]
    [InlineData(State.Refused)]
    public async Task Axe_finds_no_WCAG_2_1_A_or_AA_violation_in_the_topic_form(State state)
    {
        var page = await PageIn(state, width: 1280);

        var result = await page.RunAxe(Wcag21AA).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.Violations.Length == 0,
            string.Join("\n", result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
    }

    [Theory]
    [InlineData(State.Open)]
    [InlineData(State.Refused)]
    public async Task At_360_pixels_the_topic_form_needs_no_sideways_scrolling(State state)
    {
        var page = await PageIn(state, width: 360);

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");

        Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide on a {widths[1]} px screen");
    }
}
