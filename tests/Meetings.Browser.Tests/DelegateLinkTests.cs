using System.Net;
using System.Text.RegularExpressions;
using Ical.Net;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meetings.Browser.Tests;

/// <summary>
/// The delegate's own link (from the delegate's own mail): the invitation and the calendar for the delegate, never the
/// invitee's answer to change — that stays with the invitee, who is named.
/// </summary>
public sealed partial class DelegateLinkTests(PageApp app) : IClassFixture<PageApp>
{
    private async Task<(Invited Invited, string DelegateLink)> Delegated()
    {
        var invited = await app.InvitedHead();
        var head = app.Anonymous();
        await (await head.PutJson($"/api/rsvp/{invited.Token}", new
        {
            status = "delegated", @delegate = new { name = invited.DeputyName, email = invited.DeputyEmail }, comment = "Ich bin im Urlaub.",
        })).Json(HttpStatusCode.OK);
        await app.DispatchAll();
        return (invited, app.LinkInMail(invited.DeputyEmail, invited.MeetingId));
    }

    [Fact]
    public async Task The_delegates_mail_leads_to_the_invitation_for_the_delegate_without_a_form_and_names_the_invitee()
    {
        var (invited, link) = await Delegated();
        var mail = app.Smtp.To(invited.DeputyEmail, invited.MeetingId).Last();
        var page = await app.NewPage();

        await page.GotoAsync(link);

        Assert.NotEqual(invited.Link, link);
        Assert.Contains("Einladung ansehen", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Jetzt antworten", mail.TextBody, StringComparison.Ordinal);
        await Expect(page.GetByText($"Einladung für {invited.DeputyName}")).ToBeVisibleAsync();
        await Expect(page.GetByText("Julia Hoffmann hat Sie als Vertretung benannt")).ToBeVisibleAsync();
        await Expect(page.GetByText("Wenn Sie nicht kommen können, sagen Sie bitte Julia Hoffmann Bescheid.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" })).ToHaveCountAsync(0);
        await Expect(page.GetByText("Ich bin im Urlaub.")).ToHaveCountAsync(0); // the invitee's comment is not the delegate's to read
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tagesordnung" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task In_den_Kalender_on_the_delegates_link_has_the_delegate_as_the_attendee()
    {
        var (invited, link) = await Delegated();
        using var anyone = new HttpClient();

        var calendar = Calendar.Load(await anyone.GetStringAsync($"{link.Split('?')[0]}/calendar.ics"))!;

        var attendee = Assert.Single(Assert.Single(calendar.Events).Attendees);
        Assert.Equal($"mailto:{invited.DeputyEmail}", attendee.Value!.OriginalString);
        Assert.Equal("NEEDS-ACTION", attendee.ParticipationStatus);
    }

    [Fact]
    public async Task An_answer_posted_to_the_delegates_link_is_refused_in_words_and_changes_nothing()
    {
        var (invited, link) = await Delegated();
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = true });
        var form = await browser.GetStringAsync(invited.Link); // a valid form and its cookie, from the invitee's page
        var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;

        var posted = await browser.PostAsync(link.Split('?')[0], new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", antiforgery), new("Form.Choice", "declined"),
        ]));

        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Contains("Die Antwort gibt Julia Hoffmann.", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("delegated", (await app.Invitation(invited)).Str("status"));
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex AntiforgeryField();
}
