using System.Net;
using System.Text.RegularExpressions;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Api.Tests.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Meetings.Api.Tests.Documents;

/// <summary>
/// The answer page lists the meeting's documents of audience invitees by agenda item (then those of the whole meeting),
/// each through the person's own link with its type and size, and links the Einladung and the Sitzungsmappe as PDF —
/// read with one query, whatever the number of documents.
/// </summary>
public sealed partial class DocumentsOnAnswerPageTests(SqlCapturingApp app) : IClassFixture<SqlCapturingApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task The_page_lists_the_invitees_documents_by_agenda_item_through_the_link_with_type_and_size()
    {
        await _admin.CreateDepartment();
        var (meeting, first, second) = await PublishedWithTwoItems();
        var token = await app.Token((await _admin.Invitations(meeting))[0]);
        var whole = (await _admin.Uploaded(meeting, DocumentData.Pdf(3000), new { title = "Teilnehmerliste" })).Id();
        var slides = (await _admin.Uploaded(meeting, DocumentData.Pdf(1500), new { title = "Folien Roadmap", agendaItemId = second })).Id();
        var status = (await _admin.Uploaded(meeting, DocumentData.OfType("docx"), new { title = "Projektstand E-Akte", agendaItemId = first }, "Stand.docx")).Id();
        await _admin.Uploaded(meeting, DocumentData.Pdf(), new { title = "Vermerk nur fürs Büro", audience = "office", agendaItemId = first });
        var withdrawn = (await _admin.Uploaded(meeting, DocumentData.Pdf(), new { title = "Zurückgezogene Fassung", agendaItemId = first })).Id();
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/meetings/{meeting}/documents/{withdrawn}")).StatusCode);

        app.Sql.Start();
        var page = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync($"/rsvp/{token}"));
        app.Sql.Stop();
        var english = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync($"/rsvp/{token}?lang=en"));

        var section = Section().Match(page).Value;
        Assert.Equal(["Stand der E-Akte", "Digitale Roadmap", "Zur ganzen Sitzung"], Headings().Matches(section).Select(m => m.Groups[1].Value));
        Assert.Equal(
            [$"/rsvp/{token}/invitation.pdf", $"/rsvp/{token}/dossier.pdf", $"/rsvp/{token}/documents/{status}", $"/rsvp/{token}/documents/{slides}", $"/rsvp/{token}/documents/{whole}"],
            Links().Matches(section).Select(m => m.Groups[1].Value));
        Assert.Matches(@"Projektstand E-Akte</a> \(Word, \d+ B\)", section);
        Assert.Contains("Folien Roadmap</a> (PDF, 2 KB)", section, StringComparison.Ordinal);
        Assert.Contains("Teilnehmerliste</a> (PDF, 3 KB)", section, StringComparison.Ordinal);
        Assert.DoesNotContain("Vermerk", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Zurückgezogene", page, StringComparison.Ordinal);
        Assert.DoesNotContain("minutes.pdf", page, StringComparison.Ordinal); // no approved minutes yet
        Assert.Contains("Sitzungsmappe als PDF", section, StringComparison.Ordinal);
        Assert.Contains("For the whole meeting", english, StringComparison.Ordinal);
        Assert.Contains("Meeting pack as PDF", english, StringComparison.Ordinal);
        Assert.Single(app.Sql.Commands, c => c.Sql.Contains("\"DocumentVersions\"", StringComparison.Ordinal));
        foreach (var link in Links().Matches(section).Select(m => m.Groups[1].Value))
        {
            Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync(link)).StatusCode);
        }
    }

    [Fact]
    public async Task A_meeting_without_documents_says_so_and_still_links_the_pdfs()
    {
        await _admin.CreateDepartment();
        var (meeting, _, _) = await PublishedWithTwoItems();
        var token = await app.Token((await _admin.Invitations(meeting))[0]);

        var page = await app.Anonymous().GetAsync($"/rsvp/{token}");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Noch keine Unterlagen.", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/rsvp/{token}/invitation.pdf\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'unsafe-inline'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_the_page_shows_the_approved_minutes_it_links_their_pdf()
    {
        var department = await _admin.CreateDepartment();
        var (meeting, _) = await _admin.Held(await _admin.CreateSeries(), app.Clock.GetUtcNow());
        var token = await app.Token((await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department));
        app.Clock.Advance(TimeSpan.FromDays(2).Add(TimeSpan.FromHours(1))); // the meeting has started
        await (await _admin.SaveMinutes(meeting, [new { kind = "finding", text = "Alle Ämter sind angeschlossen." }])).Json(HttpStatusCode.OK);
        var draft = await app.Anonymous().GetStringAsync($"/rsvp/{token}");
        await _admin.Approve(meeting);

        var approved = await app.Anonymous().GetStringAsync($"/rsvp/{token}");
        var pdf = await app.Anonymous().GetAsync($"/rsvp/{token}/minutes.pdf");

        Assert.DoesNotContain("minutes.pdf", draft, StringComparison.Ordinal);
        Assert.Contains($"href=\"/rsvp/{token}/minutes.pdf\"", approved, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
    }

    private async Task<(string Meeting, string First, string Second)> PublishedWithTwoItems()
    {
        var meeting = (await _admin.CreateDraft(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(20))).Id();
        var items = new List<string>();
        foreach (var title in new[] { "Stand der E-Akte", "Digitale Roadmap" })
        {
            var item = await (await _admin.PostJson($"/api/meetings/{meeting}/agenda", new { title, durationMinutes = 30, kind = "discussion" })).Json(HttpStatusCode.Created);
            items.Add(item.Str("id"));
        }

        await (await _admin.PostAsync($"/api/meetings/{meeting}/publish", null)).Json(HttpStatusCode.OK);
        return (meeting, items[0], items[1]);
    }

    [GeneratedRegex("<section class=\"documents\".*?</section>", RegexOptions.Singleline)]
    private static partial Regex Section();

    [GeneratedRegex("<h3>(.*?)</h3>")]
    private static partial Regex Headings();

    [GeneratedRegex("<a href=\"([^\"]+)\"")]
    private static partial Regex Links();
}
