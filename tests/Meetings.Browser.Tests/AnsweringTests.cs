using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meetings.Browser.Tests;

/// <summary>A department head answers through the link in a real invitation mail, with the keyboard alone, with and without JavaScript.</summary>
public sealed class AnsweringTests(PageApp app) : IClassFixture<PageApp>
{
    /// <summary>From the skip link into the form, to the choice <paramref name="downs"/> places down the radio group, and send.</summary>
    private static async Task AnswerWithKeyboard(IPage page, int downs, Action? fill = null)
    {
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Zum Antwortformular" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Zusagen" })).ToBeFocusedAsync();
        if (downs == 0)
        {
            await page.Keyboard.PressAsync("Space");
        }

        for (var n = 0; n < downs; n++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        fill?.Invoke();
        for (var n = 0; n < 4; n++) // the other person's name and e-mail, the note, the button
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" })).ToBeFocusedAsync();
        var response = await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Enter"), r => r.Request.Method == "POST");
        Assert.Equal(303, response.Status);
    }

    [Theory]
    [InlineData(true, 0, "Sie haben zugesagt.", "accepted")]
    [InlineData(true, 1, "Sie haben abgesagt.", "declined")]
    [InlineData(false, 0, "Sie haben zugesagt.", "accepted")]
    [InlineData(false, 1, "Sie haben abgesagt.", "declined")]
    [InlineData(false, 2, "Sie haben mit „Vielleicht“ geantwortet.", "tentative")]
    public async Task The_link_in_the_invitation_opens_the_page_and_an_answer_given_with_the_keyboard_is_saved(
        bool javaScript, int downs, string confirmation, string status)
    {
        var invited = await app.InvitedHead();
        var page = await app.NewPage(javaScript);

        await page.GotoAsync(invited.Link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "10:15–11:00 Einführung der E-Akte" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Dr. Anna Huber, IT-Direktorin" })).ToBeVisibleAsync();
        await AnswerWithKeyboard(page, downs);

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(confirmation);
        var stored = await app.Invitation(invited);
        Assert.Equal(status, stored.Str("status"));
        var entry = stored.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("token", "answer page"), (entry.Str("via"), entry.Str("actor")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_deputy_from_the_directory_is_offered_by_name_and_gets_the_invitation_when_chosen(bool javaScript)
    {
        var invited = await app.InvitedHead();
        var page = await app.NewPage(javaScript);
        await page.GotoAsync(invited.Link);

        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = $"Vertretung: {invited.DeputyName} (Stellvertretung)" })).ToBeVisibleAsync();
        await AnswerWithKeyboard(page, downs: 3);
        await app.DispatchAll();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Sie haben {invited.DeputyName} als Vertretung benannt.");
        var stored = await app.Invitation(invited);
        Assert.Equal(("delegated", invited.DeputyEmail), (stored.Str("status"), stored.GetProperty("delegate").Str("email")));
        Assert.Single(app.Smtp.To(invited.DeputyEmail, invited.MeetingId), m => m.Subject!.StartsWith("Einladung", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answer_on_the_page_is_in_the_audit_log_as_the_answer_page_for_its_invitation()
    {
        var invited = await app.InvitedHead();
        var page = await app.NewPage(javaScript: false);
        await page.GotoAsync(invited.Link);

        await page.GetByLabel("Absagen").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();

        var log = await (await app.Admin().GetAsync($"/api/audit?resourceType=invitation&resourceId={invited.InvitationId}")).Json(HttpStatusCode.OK);
        var entry = Assert.Single(log.GetProperty("items").EnumerateArray());
        Assert.Equal("AnswerByPage", entry.Str("operation"));
        Assert.Equal(("page", invited.InvitationId), (entry.GetProperty("actor").Str("kind"), entry.GetProperty("actor").Str("invitationId")));
    }

    [Fact]
    public async Task Someone_else_can_be_named_with_name_and_address()
    {
        var invited = await app.InvitedHead();
        var page = await app.NewPage(javaScript: false);
        await page.GotoAsync(invited.Link);

        await page.GetByLabel("Eine andere Vertretung").CheckAsync();
        await page.GetByLabel("Name der Vertretung").FillAsync("Petra Lehmann");
        await page.GetByLabel("E-Mail der Vertretung").FillAsync("petra.lehmann@augsburg.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sie haben Petra Lehmann als Vertretung benannt.");
        Assert.Equal("petra.lehmann@augsburg.example", (await app.Invitation(invited)).GetProperty("delegate").Str("email"));
    }

    [Fact]
    public async Task What_people_typed_is_shown_as_text_and_never_as_markup_or_script()
    {
        const string name = "<img src=x id=injected onerror=\"document.title='x'\">Petra";
        const string comment = "<script>document.title='x'</script> & Co.";
        var invited = await app.InvitedHead();
        var page = await app.NewPage(javaScript: true);
        await page.GotoAsync(invited.Link);
        var title = await page.TitleAsync();

        await page.GetByLabel("Eine andere Vertretung").CheckAsync();
        await page.GetByLabel("Name der Vertretung").FillAsync(name);
        await page.GetByLabel("E-Mail der Vertretung").FillAsync("petra.lehmann@augsburg.example");
        await page.GetByLabel("Anmerkung (freiwillig)").FillAsync(comment);
        await page.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(name);
        await Expect(page.GetByLabel("Anmerkung (freiwillig)")).ToHaveValueAsync(comment);
        await Expect(page.Locator("#injected")).ToHaveCountAsync(0);
        Assert.Equal(title, await page.TitleAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refused_answer_is_explained_in_words_and_the_form_keeps_what_was_entered(bool javaScript)
    {
        var invited = await app.InvitedHead();
        var page = await app.NewPage(javaScript);
        await page.GotoAsync(invited.Link);

        await page.GetByLabel("Eine andere Vertretung").CheckAsync();
        await page.GetByLabel("Name der Vertretung").FillAsync("Petra Lehmann");
        await page.GetByLabel("E-Mail der Vertretung").FillAsync("petra.lehmann");
        await page.GetByLabel("Anmerkung (freiwillig)").FillAsync("Ich bin im Urlaub.");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" }).ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal(400, response.Status); // as PUT /api/rsvp/{token} answers the same address
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ihre Antwort wurde nicht gespeichert.");
        await Expect(page.GetByText("Bitte geben Sie eine gültige E-Mail-Adresse der Vertretung an")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Eine andere Vertretung")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Name der Vertretung")).ToHaveValueAsync("Petra Lehmann");
        await Expect(page.GetByLabel("E-Mail der Vertretung")).ToHaveValueAsync("petra.lehmann");
        await Expect(page.GetByLabel("E-Mail der Vertretung")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Anmerkung (freiwillig)")).ToHaveValueAsync("Ich bin im Urlaub.");
        Assert.Equal("pending", (await app.Invitation(invited)).Str("status"));
    }

    [Fact]
    public async Task After_the_deadline_the_page_says_so_and_an_answer_posted_anyway_is_a_409_in_words()
    {
        var invited = await app.InvitedHead(deadlineIn: TimeSpan.FromDays(25));
        var page = await app.NewPage();
        await page.GotoAsync(invited.Link);
        var form = await page.ContentAsync();

        app.Clock.Advance(TimeSpan.FromDays(26));
        await page.ReloadAsync();
        await Expect(page.GetByText("Die Antwortfrist ist abgelaufen.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" })).ToHaveCountAsync(0);
        await page.SetContentAsync(form); // the form as it was before the deadline, sent now
        var response = await page.RunAndWaitForResponseAsync(async () =>
        {
            await page.GetByLabel("Zusagen").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Antwort senden" }).ClickAsync();
        }, r => r.Request.Method == "POST");

        Assert.Equal(409, response.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Die Antwortfrist ist abgelaufen.");
        Assert.Equal("pending", (await app.Invitation(invited)).Str("status"));
    }

    [Fact]
    public async Task The_page_speaks_the_heads_english_whatever_the_browser_and_the_form_answers_in_english()
    {
        var invited = await app.InvitedHead(headLanguage: "en");
        var page = await app.NewPage(locale: "de-DE"); // the browser's language plays no part (SPEC "Personal answer page")

        await page.GotoAsync($"/rsvp/{invited.Token}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GetByLabel("Accept").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You have accepted.");
        var german = await (await app.Anonymous().GetAsync($"/rsvp/{invited.Token}?lang=de")).Content.ReadAsStringAsync();
        Assert.Contains("lang=\"de\"", german, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync($"/rsvp/{invited.Token}?lang=en")).StatusCode);
    }
}
