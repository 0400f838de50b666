using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meetings.Browser.Tests;

/// <summary>
/// The picture of the feedback form in docs/answer-page.md (and of the feedback-request mail). <c>tools/screenshots.sh</c>
/// runs it with the other pictures (<c>SCREENSHOTS_DIR=docs/images</c>); without it they go to a temporary folder.
/// </summary>
public sealed class FeedbackScreenshotTests(PageApp app) : IClassFixture<PageApp>
{
    private readonly string _folder = Environment.GetEnvironmentVariable("SCREENSHOTS_DIR") is { Length: > 0 } dir
        ? dir
        : Directory.CreateTempSubdirectory("meetings-screenshots").FullName;

    [Fact]
    public async Task The_feedback_form_and_the_feedback_request_can_be_shown()
    {
        Directory.CreateDirectory(_folder);
        var invited = await app.InvitedHead(realistic: true);
        var admin = app.Admin();
        var end = (await (await admin.GetAsync($"/api/meetings/{invited.MeetingId}")).Json(HttpStatusCode.OK)).GetProperty("endsAt").GetDateTimeOffset();
        app.Clock.SetUtcNow(end.AddHours(2));
        await (await admin.Action(invited.MeetingId, "complete", new { attendedInvitationIds = new[] { invited.InvitationId } })).Json(HttpStatusCode.OK);
        await app.DispatchAll();
        var page = await app.NewPage(width: 900);

        await page.GotoAsync(app.LinkInMail(invited.HeadEmail, invited.MeetingId));
        var meeting = page.GetByRole(AriaRole.Group, new() { Name = "Wie bewerten Sie das Treffen insgesamt?" });
        await meeting.GetByRole(AriaRole.Radio, new() { Name = "4 Sterne", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Vortrag: ") })
            .GetByRole(AriaRole.Radio, new() { Name = "5 Sterne", Exact = true }).CheckAsync();
        await page.GetByLabel("Kommentar (freiwillig)").FillAsync("Gern mehr Zeit für die Aussprache.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rückmeldung senden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Danke für Ihre Rückmeldung.");
        await page.Locator("#feedback").ScreenshotAsync(new() { Path = Path.Combine(_folder, "answer-page-feedback.png") });
        var mail = await app.NewPage(width: 720);
        await mail.SetContentAsync(app.Smtp.To(invited.HeadEmail, invited.MeetingId).Last().HtmlBody!);
        await mail.ScreenshotAsync(new() { Path = Path.Combine(_folder, "feedback-request-mail.png"), FullPage = true });

        Assert.All(["answer-page-feedback.png", "feedback-request-mail.png"], f => Assert.True(new FileInfo(Path.Combine(_folder, f)).Length > 10_000, f));
    }
}
