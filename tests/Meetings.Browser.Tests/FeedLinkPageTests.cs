using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meetings.Browser.Tests;

/// <summary>"Alle Termine abonnieren" on the answer page: a link a person finds by its name, and the page stays axe-clean and narrow.</summary>
public sealed class FeedLinkPageTests(PageApp app) : IClassFixture<PageApp>
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task The_subscribe_link_is_on_the_page_which_stays_free_of_WCAG_violations_and_sideways_scrolling(int width)
    {
        var invited = await app.InvitedHead();
        var page = await app.NewPage(width: width);

        await page.GotoAsync(invited.Link);
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Alle Termine abonnieren" });
        var result = await page.RunAxe(Wcag21AA).WaitAsync(TimeSpan.FromSeconds(60));
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");

        await Expect(link).ToBeVisibleAsync();
        await Expect(link).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^webcal://[^/]+/calendar/[A-Za-z0-9_-]{43}\\.ics$"));
        Assert.True(result.Violations.Length == 0,
            string.Join("\n", result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
        Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide on a {widths[1]} px screen");
    }
}
