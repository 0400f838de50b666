using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meetings.Browser.Tests;

/// <summary>
/// The pictures in docs/answer-page.md: the page open, answered, delegated and closed, and an invitation mail's HTML part.
/// <c>tools/screenshots.sh</c> runs this test with <c>SCREENSHOTS_DIR=docs/images</c>; without it they go to a temporary
/// folder, and the test still holds that every state can be shown.
/// </summary>
public sealed class ScreenshotTests(PageApp app) : IClassFixture<PageApp>
{
    private readonly string _folder = Environment.GetEnvironmentVariable("SCREENSHOTS_DIR") is { Length: > 0 } dir
        ? dir
        : Directory.CreateTempSubdirectory("meetings-screenshots").FullName;

    [Fact]
    public async Task Every_state_of_the_page_and_the_invitation_mail_can_be_shown()
    {
        Directory.CreateDirectory(_folder);
        var invited = await app.InvitedHead(deadlineIn: TimeSpan.FromDays(10), realistic: true);
        var page = await app.NewPage(width: 900);

        await page.GotoAsync(invited.Link);
        await Shoot(page, "answer-page-open.png");
        await page.GetByLabel("Zusagen").CheckAsync();
        await page.GetByLabel("Anmerkung (freiwillig)").FillAsync("Ich komme etwas später.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await Shoot(page, "answer-page-answered.png");
        await page.GetByLabel($"Vertretung: {invited.DeputyName} (Stellvertretung)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(invited.DeputyName);
        await Shoot(page, "answer-page-delegated.png");
        app.Clock.Advance(TimeSpan.FromDays(11));
        await page.ReloadAsync();
        await Shoot(page, "answer-page-closed.png");
        var phone = await app.NewPage(width: 360);
        await phone.GotoAsync(invited.Link);
        await Shoot(phone, "answer-page-360px.png");
        var mail = await app.NewPage(width: 720);
        await mail.SetContentAsync(app.Smtp.To(invited.HeadEmail, invited.MeetingId).First().HtmlBody!);
        await Shoot(mail, "invitation-mail.png");

        string[] shown = ["answer-page-open.png", "answer-page-answered.png", "answer-page-delegated.png", "answer-page-closed.png", "answer-page-360px.png", "invitation-mail.png"];
        Assert.All(shown, f => Assert.True(new FileInfo(Path.Combine(_folder, f)).Length > 10_000, f)); // the folder holds other pictures too
    }

    private Task Shoot(IPage page, string name) => page.ScreenshotAsync(new() { Path = Path.Combine(_folder, name), FullPage = true });
}
