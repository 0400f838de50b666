using System.Net;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meetings.Browser.Tests;

/// <summary>
/// The date poll's page (<c>/poll/{token}</c>) in Chromium: axe-clean, 360 px, keyboard only, without JavaScript, German
/// and English by the person's language and <c>?lang=</c> (never the browser's), the answer page's headers, and tables on
/// both personal pages that wrap between words only.
/// </summary>
public sealed partial class PollPageTests(PageApp app) : IClassFixture<PageApp>
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>Words that a table on the page splits across lines (none is allowed; a break after a hyphen, as in "E-Akte", is one between words).</summary>
    private const string SplitWords = """
        () => { const bad = []; for (const cell of document.querySelectorAll('table th, table td')) {
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT); let n;
          while ((n = walker.nextNode())) { const re = /[^\s\-–]+/g; let m;
            while ((m = re.exec(n.data))) { const r = document.createRange(); r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
              const lines = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
              if (lines.size > 1) bad.push(m[0]); } } } return bad; }
        """;

    private sealed record Polled(string Meeting, string Link, string[] Slots);

    /// <summary>A draft with a poll of three slots; the new department's head (in <paramref name="language"/>) has its mail.</summary>
    private async Task<Polled> Poll(string? language = null)
    {
        var admin = app.Admin();
        var code = DirectoryData.Unique("P").ToUpperInvariant();
        var head = $"julia.{code.ToLowerInvariant()}@augsburg.example";
        await (await admin.PostJson("/api/departments", new
        {
            code, name = $"Amt {code}",
            head = new { name = "Julia Hoffmann", email = head, title = "Amtsleiterin", language },
            deputy = new { name = "Stefan Koch", email = $"stefan.{code.ToLowerInvariant()}@augsburg.example" },
        })).Json(HttpStatusCode.Created);
        var now = app.Clock.GetUtcNow();
        var meeting = (await admin.CreateDraft(await admin.CreateSeries(), now.AddDays(40), new { title = "Amtsleitungstreffen Herbst" })).Id();
        var poll = await (await admin.PutJson($"/api/meetings/{meeting}/poll", new
        {
            slots = new[] { 20, 21, 22 }.Select(d => new { startsAt = now.UtcDateTime.Date.AddDays(d).AddHours(12).ToString("O"), endsAt = now.UtcDateTime.Date.AddDays(d).AddHours(15).ToString("O") }),
            deadline = now.AddDays(10).ToString("O"),
            note = "Bitte stimmen Sie bis Ende der Woche ab.",
        })).Json(HttpStatusCode.OK);
        await app.DispatchAll();
        var mail = app.Smtp.To(head, meeting).Last();
        var link = PollLink().Match(mail.TextBody ?? string.Empty).Value;
        Assert.NotEmpty(link);
        return new Polled(meeting, link, poll.GetProperty("slots").EnumerateArray().Select(s => s.Id()).ToArray());
    }

    [Fact]
    public async Task The_page_has_the_answer_pages_headers_and_an_unknown_link_is_a_404_page()
    {
        var polled = await Poll();
        using var anyone = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        var response = await anyone.GetAsync(polled.Link);
        var html = await response.Content.ReadAsStringAsync();
        var unknown = await anyone.GetAsync("/poll/not-a-link-of-anyone");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Contains("noindex", response.Headers.GetValues("X-Robots-Tag").Single(), StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Dieser Link ist nicht gültig.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var posted = await anyone.PostAsync(polled.Link, new FormUrlEncodedContent([new($"Answers[{polled.Slots[0]}]", "yes")]));
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode); // no antiforgery token: nothing saved, said in words
        Assert.Contains("Das Formular ist abgelaufen.", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keyboard_only_a_head_votes_on_every_slot_and_the_page_confirms_it()
    {
        var polled = await Poll();
        var page = await app.NewPage();
        await page.GotoAsync(polled.Link);

        await page.Keyboard.PressAsync("Tab"); // the skip link
        await page.Keyboard.PressAsync("Tab"); // the language link
        await page.Keyboard.PressAsync("Tab"); // the first slot's group
        await page.Keyboard.PressAsync("Space"); // yes
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("ArrowDown"); // the second slot: maybe
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown"); // the third slot: no
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Vormittags nie.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ihre Abstimmung ist gespeichert.");
        var result = await (await app.Admin().GetAsync($"/api/meetings/{polled.Meeting}/poll")).Json(HttpStatusCode.OK);
        var slots = result.GetProperty("slots").EnumerateArray().ToList();
        Assert.Equal([1, 1, 1], slots.Select((s, i) => s.GetProperty(new[] { "yes", "maybe", "no" }[i]).GetInt32()));
    }

    [Fact]
    public async Task Without_javascript_a_vote_is_saved_and_a_missing_answer_is_refused_in_words_keeping_the_rest()
    {
        var polled = await Poll();
        var page = await app.NewPage(javaScript: false);
        await page.GotoAsync(polled.Link);

        await page.Locator($"#yes-{Guid.Parse(polled.Slots[0]):N}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Abstimmung senden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Bitte beantworten Sie jeden Termin.");
        Assert.True(await page.Locator($"#yes-{Guid.Parse(polled.Slots[0]):N}").IsCheckedAsync());

        await page.Locator($"#maybe-{Guid.Parse(polled.Slots[1]):N}").CheckAsync();
        await page.Locator($"#no-{Guid.Parse(polled.Slots[2]):N}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Abstimmung senden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ihre Abstimmung ist gespeichert.");
        Assert.True(await page.Locator($"#maybe-{Guid.Parse(polled.Slots[1]):N}").IsCheckedAsync());
    }

    [Fact]
    public async Task The_page_speaks_the_persons_language_and_lang_switches_but_the_browsers_language_does_not()
    {
        var german = await Poll();
        var english = await Poll(language: "en");

        var page = await app.NewPage(locale: "en-GB");
        await page.GotoAsync(german.Link);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abstimmung senden" })).ToBeVisibleAsync();
        Assert.Equal("de", await page.Locator("html").GetAttributeAsync("lang"));
        await page.GotoAsync(german.Link.Split('?')[0] + "?lang=en");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send my vote" })).ToBeVisibleAsync();

        var other = await app.NewPage(locale: "de-DE");
        await other.GotoAsync(english.Link.Split('?')[0]);
        await Expect(other.GetByRole(AriaRole.Button, new() { Name = "Send my vote" })).ToBeVisibleAsync();
        await other.GotoAsync(english.Link.Split('?')[0] + "?lang=de");
        await Expect(other.GetByRole(AriaRole.Button, new() { Name = "Abstimmung senden" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_answer_page_speaks_the_heads_language_not_the_browsers()
    {
        var invited = await app.InvitedHead();
        var page = await app.NewPage(locale: "en-GB");

        await page.GotoAsync(invited.Link);

        Assert.Equal("de", await page.Locator("html").GetAttributeAsync("lang"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("open")]
    [InlineData("voted")]
    [InlineData("chosen")]
    [InlineData("english")]
    [InlineData("unknown")]
    public async Task Axe_finds_no_violation_and_at_360_pixels_nothing_scrolls_sideways(string state)
    {
        var polled = await Poll();
        if (state is "voted" or "chosen")
        {
            await (await app.Anonymous().PutJson("/api/poll/" + polled.Link.Split('/').Last().Split('?')[0],
                new { votes = polled.Slots.Select(s => new { slotId = s, answer = "yes" }) })).Json(HttpStatusCode.OK);
            if (state == "chosen")
            {
                await (await app.Admin().PostJson($"/api/meetings/{polled.Meeting}/poll/close", new { slotId = polled.Slots[1] })).Json(HttpStatusCode.OK);
            }
        }

        foreach (var width in new[] { 1280, 360 })
        {
            var page = await app.NewPage(width: width);
            switch (state)
            {
                case "english":
                    await page.GotoAsync(polled.Link.Split('?')[0] + "?lang=en");
                    break;
                case "unknown":
                    await page.GotoAsync("/poll/not-a-link-of-anyone");
                    break;
                default:
                    await page.GotoAsync(polled.Link);
                    break;
            }

            var result = await page.RunAxe(Wcag21AA).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(result.Violations.Length == 0,
                string.Join("\n", result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide on a {widths[1]} px screen");
            Assert.Empty(await page.EvaluateAsync<string[]>(SplitWords));
        }
    }

    [Fact]
    public async Task At_360_pixels_the_answer_pages_agenda_wraps_between_words_only()
    {
        var invited = await app.InvitedHead();
        foreach (var language in new[] { "en", "de" })
        {
            var page = await app.NewPage(width: 360);
            await page.GotoAsync($"/rsvp/{invited.Token}?lang={language}");

            var split = await page.EvaluateAsync<string[]>(SplitWords);
            Assert.True(split.Length == 0, $"{language}: split inside: {string.Join(", ", split)}");
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide on a {widths[1]} px screen");
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/poll/[A-Za-z0-9_-]+(\?lang=en)?")]
    private static partial Regex PollLink();
}
