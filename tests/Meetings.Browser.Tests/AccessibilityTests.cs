using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meetings.Browser.Tests;

/// <summary>
/// WCAG 2.1 A/AA (BITV 2.0) by axe-core in every state of the page, and no sideways scrolling on a 360 px wide screen.
/// axe needs script in the browser to run; the page has none, so a state reached in a context with JavaScript is the
/// state a reader without it sees.
/// </summary>
public sealed class AccessibilityTests(PageApp app) : IClassFixture<PageApp>
{
    public enum State
    {
        Open,
        Answered,
        Refused,
        DeadlinePassed,
        Cancelled,
        UnknownLink,
        English,
        WithDocuments,
    }

    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>Opens the page in <paramref name="state"/> at <paramref name="width"/> pixels.</summary>
    private async Task<IPage> PageIn(State state, int width)
    {
        var invited = await app.InvitedHead(deadlineIn: TimeSpan.FromDays(10));
        var page = await app.NewPage(width: width);
        switch (state)
        {
            case State.Open:
                await page.GotoAsync(invited.Link);
                break;
            case State.Answered:
                await page.GotoAsync(invited.Link);
                await page.GetByLabel($"Vertretung: {invited.DeputyName} (Stellvertretung)").CheckAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
                break;
            case State.Refused:
                await page.GotoAsync(invited.Link);
                await page.GetByLabel("Eine andere Vertretung").CheckAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
                break;
            case State.DeadlinePassed:
                app.Clock.Advance(TimeSpan.FromDays(11));
                await page.GotoAsync(invited.Link);
                await Expect(page.GetByText("Die Antwortfrist ist abgelaufen.")).ToBeVisibleAsync();
                break;
            case State.Cancelled:
                await app.Admin().Action(invited.MeetingId, "cancel", new { reason = "Haushaltsklausur" });
                await page.GotoAsync(invited.Link);
                await Expect(page.GetByText("Dieser Termin wurde abgesagt.")).ToBeVisibleAsync();
                break;
            case State.UnknownLink:
                var response = await page.GotoAsync("/rsvp/not-a-link-of-anyone");
                Assert.Equal(404, response!.Status);
                break;
            case State.English:
                await page.GotoAsync(invited.Link + "?lang=en");
                break;
            case State.WithDocuments:
                await UploadPdf(invited.MeetingId, "Folien zur E-Akte");
                await page.GotoAsync(invited.Link);
                await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Folien zur E-Akte" })).ToBeVisibleAsync();
                await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sitzungsmappe als PDF" })).ToBeVisibleAsync();
                break;
        }

        return page;
    }

    /// <summary>A document of audience invitees for the whole meeting, uploaded by the office.</summary>
    private async Task UploadPdf(string meetingId, string title)
    {
        var pdf = new byte[2000];
        Array.Fill(pdf, (byte)'x');
        "%PDF-1.7\n"u8.CopyTo(pdf);
        using var form = new MultipartFormDataContent { { new StringContent(title), "title" }, { new ByteArrayContent(pdf), "file", "Folien.pdf" } };
        var response = await app.Admin().PostAsync($"/api/meetings/{meetingId}/documents", form);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData(State.Open)]
    [InlineData(State.Answered)]
    [InlineData(State.Refused)]
    [InlineData(State.DeadlinePassed)]
    [InlineData(State.Cancelled)]
    [InlineData(State.UnknownLink)]
    [InlineData(State.English)]
    [InlineData(State.WithDocuments)]
    public async Task Axe_finds_no_WCAG_2_1_A_or_AA_violation(State state)
    {
        var page = await PageIn(state, width: 1280);

        var result = await page.RunAxe(Wcag21AA).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.Violations.Length == 0,
            string.Join("\n", result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
        Assert.NotEmpty(result.Passes);
    }

    [Theory]
    [InlineData(State.Open)]
    [InlineData(State.Answered)]
    [InlineData(State.Refused)]
    [InlineData(State.UnknownLink)]
    [InlineData(State.WithDocuments)]
    public async Task At_360_pixels_nothing_needs_sideways_scrolling(State state)
    {
        var page = await PageIn(state, width: 360);

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");

        Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide on a {widths[1]} px screen");
    }
}
