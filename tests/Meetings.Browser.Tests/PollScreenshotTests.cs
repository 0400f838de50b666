using System.Net;
using System.Text.RegularExpressions;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meetings.Browser.Tests;

/// <summary>
/// The pictures of the date poll's page in docs/answer-page.md: open, voted, and at 360 px. <c>tools/screenshots.sh</c>
/// runs it with the other pictures (<c>SCREENSHOTS_DIR=docs/images</c>); without it they go to a temporary folder.
/// </summary>
public sealed partial class PollScreenshotTests(PageApp app) : IClassFixture<PageApp>
{
    private readonly string _folder = Environment.GetEnvironmentVariable("SCREENSHOTS_DIR") is { Length: > 0 } dir
        ? dir
        : Directory.CreateTempSubdirectory("meetings-screenshots").FullName;

    [Fact]
    public async Task The_poll_page_open_voted_and_at_360_px_can_be_shown()
    {
        Directory.CreateDirectory(_folder);
        var admin = app.Admin();
        var code = DirectoryData.Unique("P").ToUpperInvariant();
        var head = $"julia.{code.ToLowerInvariant()}@augsburg.example";
        await (await admin.PostJson("/api/departments", new
        {
            code, name = "Amt für Digitalisierung",
            head = new { name = "Julia Hoffmann", email = head, title = "Amtsleiterin" },
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
        var link = PollLink().Match(app.Smtp.To(head, meeting).Last().TextBody ?? string.Empty).Value;
        Assert.NotEmpty(link);
        var slots = poll.GetProperty("slots").EnumerateArray().Select(s => Guid.Parse(s.Id())).ToArray();
        var page = await app.NewPage(width: 900);

        await page.GotoAsync(link);
        await Shoot(page, "poll-page-open.png");
        await page.Locator($"#yes-{slots[0]:N}").CheckAsync();
        await page.Locator($"#maybe-{slots[1]:N}").CheckAsync();
        await page.Locator($"#no-{slots[2]:N}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Abstimmung senden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ihre Abstimmung ist gespeichert.");
        await Shoot(page, "poll-page-voted.png");
        var phone = await app.NewPage(width: 360);
        await phone.GotoAsync(link);
        await Shoot(phone, "poll-page-360px.png");

        Assert.All(["poll-page-open.png", "poll-page-voted.png", "poll-page-360px.png"], f => Assert.True(new FileInfo(Path.Combine(_folder, f)).Length > 10_000, f));
    }

    private Task Shoot(IPage page, string name) => page.ScreenshotAsync(new() { Path = Path.Combine(_folder, name), FullPage = true });

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/poll/[A-Za-z0-9_-]+")]
    private static partial Regex PollLink();
}
