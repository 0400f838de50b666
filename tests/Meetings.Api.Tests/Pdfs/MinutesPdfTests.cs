using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Api.Tests.Results;
using UglyToad.PdfPig;

namespace Meetings.Api.Tests.Pdfs;

/// <summary>The Ergebnisprotokoll as PDF: as approved, with its version, read as the minutes are read.</summary>
public sealed class MinutesPdfTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private async Task<(string Meeting, string Item, string Department)> HeldMeeting()
    {
        var department = await _admin.CreateDepartment(DirectoryData.Unique("P").ToUpperInvariant());
        var (meeting, item) = await _admin.Held(await _admin.CreateSeries(), app.Clock.GetUtcNow());
        app.Clock.Advance(TimeSpan.FromDays(2).Add(TimeSpan.FromHours(1))); // the meeting has started
        return (meeting, item, department);
    }

    [Fact]
    public async Task The_minutes_pdf_is_404_without_minutes_409_for_a_draft_and_the_approved_minutes_with_their_version()
    {
        var (meeting, item, department) = await HeldMeeting();
        var none = await _admin.GetAsync($"/api/meetings/{meeting}/minutes.pdf");
        await (await _admin.SaveMinutes(meeting,
        [
            new { agendaItemId = item, kind = "decision", text = "Die E-Akte wird in allen Ämtern eingeführt; Größe und Maß für Straßenbau." },
            ResultsData.TaskEntry(item, department, ResultsData.Day(app.Clock.GetUtcNow().AddDays(30)), "Schulungsplan für Übergänge"),
        ])).Json(HttpStatusCode.OK);
        var draft = await _admin.GetAsync($"/api/meetings/{meeting}/minutes.pdf");

        await _admin.Approve(meeting);
        var approved = await _admin.GetAsync($"/api/meetings/{meeting}/minutes.pdf");

        await none.Problem(HttpStatusCode.NotFound);
        await draft.Problem(HttpStatusCode.Conflict);
        var pdf = await approved.Pdf();
        var text = string.Join('\n', PdfReading.PageTexts(pdf));
        Assert.Contains("Ergebnisprotokoll", text, StringComparison.Ordinal);
        Assert.Contains("Fassung 1", text, StringComparison.Ordinal);
        Assert.Contains("Protokollführung: Petra Schreiber", text, StringComparison.Ordinal);
        Assert.Contains("1. E-Akte", text, StringComparison.Ordinal);
        Assert.Contains("Beschluss Die E-Akte wird in allen Ämtern eingeführt; Größe und Maß für Straßenbau.", text, StringComparison.Ordinal);
        Assert.Contains("Aufgaben nach Ämtern", text, StringComparison.Ordinal);
        Assert.Contains("Schulungsplan für Übergänge", text, StringComparison.Ordinal);
        Assert.Contains("Seite 1 von", text, StringComparison.Ordinal);
        PdfReading.AssertFontsEmbedded(pdf);
        using var document = PdfDocument.Open(pdf);
        Assert.Contains("Fassung 1", document.Information.Subject, StringComparison.Ordinal);
        Assert.StartsWith("Ergebnisprotokoll 2026-03-", approved.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reopened_and_again_approved_protocol_is_the_next_version()
    {
        var (meeting, _, _) = await HeldMeeting();
        await (await _admin.SaveMinutes(meeting, [new { kind = "finding", text = "Erste Fassung." }])).Json(HttpStatusCode.OK);
        await _admin.Approve(meeting);
        await (await _admin.PostJson($"/api/meetings/{meeting}/minutes/reopen", new { reason = "Berichtigung" })).Json(HttpStatusCode.OK);
        await (await _admin.SaveMinutes(meeting, [new { kind = "finding", text = "Berichtigte Fassung." }])).Json(HttpStatusCode.OK);
        var reopened = await _admin.GetAsync($"/api/meetings/{meeting}/minutes.pdf");

        await _admin.Approve(meeting);
        var text = string.Join('\n', PdfReading.PageTexts(await (await _admin.GetAsync($"/api/meetings/{meeting}/minutes.pdf")).Pdf()));

        await reopened.Problem(HttpStatusCode.Conflict);
        Assert.Contains("Fassung 2", text, StringComparison.Ordinal);
        Assert.Contains("Berichtigte Fassung.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Erste Fassung.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_and_links_read_the_minutes_pdf_where_they_read_the_minutes()
    {
        var (meeting, _, department) = await HeldMeeting();
        var (_, key) = await _admin.CreateKey("department", department);
        var own = app.WithKey(key);
        var (_, otherKey) = await _admin.CreateKey("department", await _admin.CreateDepartment()); // not invited: created after publishing
        var (_, partnerKey) = await _admin.CreateKey("partner", cityId: await _admin.CreatePartnerCity());
        var token = await app.Token((await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department));
        var (other, _) = await _admin.Held(await _admin.CreateSeries(), app.Clock.GetUtcNow());
        await (await _admin.SaveMinutes(meeting, [new { kind = "decision", text = "Beschlossen." }])).Json(HttpStatusCode.OK);
        var draftByKey = await own.GetAsync($"/api/meetings/{meeting}/minutes.pdf");
        var draftByLink = await app.Anonymous().GetAsync($"/rsvp/{token}/minutes.pdf");

        await _admin.Approve(meeting);

        await draftByKey.Problem(HttpStatusCode.NotFound);
        await draftByLink.Problem(HttpStatusCode.NotFound);
        await (await own.GetAsync($"/api/meetings/{meeting}/minutes.pdf")).Pdf();
        Assert.Contains("Beschlossen.", PdfReading.PageTexts(await (await app.Anonymous().GetAsync($"/rsvp/{token}/minutes.pdf")).Pdf())[0], StringComparison.Ordinal);
        await (await app.WithKey(otherKey).GetAsync($"/api/meetings/{meeting}/minutes.pdf")).Problem(HttpStatusCode.NotFound);
        await (await app.WithKey(partnerKey).GetAsync($"/api/meetings/{meeting}/minutes.pdf")).Problem(HttpStatusCode.Forbidden);
        await (await own.GetAsync($"/api/meetings/{other}/minutes.pdf")).Problem(HttpStatusCode.NotFound); // another meeting: none there
    }
}
