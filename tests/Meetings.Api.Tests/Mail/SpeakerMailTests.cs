using System.Net;
using Ical.Net;
using Meetings.Api.Tests.Infrastructure;
using MimeKit;

namespace Meetings.Api.Tests.Mail;

/// <summary>What speakers, partner cities and the organizer receive when the office decides on a speaker.</summary>
public sealed class SpeakerMailTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private const string CityContact = "kontakt@partner.example";
    private const string Organizer = "direktorium@host.example";
    private readonly HttpClient _admin = app.Admin();

    private async Task<(string Meeting, string Speaker, string Email)> Proposed(bool published = true)
    {
        var series = await _admin.CreateSeries();
        var start = app.Clock.GetUtcNow().AddDays(30);
        var meeting = published ? await _admin.CreatePublished(series, start) : (await _admin.CreateDraft(series, start)).Id();
        var city = await _admin.CreatePartnerCity();
        var email = $"{Guid.NewGuid():N}@muenchen.example";
        var speaker = await (await _admin.PostJson($"/api/meetings/{meeting}/speakers", new
        {
            cityId = city,
            name = "Dr. Anna Huber",
            title = "IT-Direktorin",
            organization = "Landeshauptstadt München",
            email,
            talkTitle = "Die E-Akte in München",
            requestedMinutes = 30,
        })).Json(HttpStatusCode.Created);
        return (meeting, speaker.Id(), email);
    }

    private IReadOnlyList<MimeMessage> Kind(string email, string meeting, string kind) =>
        app.Smtp.To(email, meeting).Where(m => m.Headers["X-Meetings-Kind"] == kind).ToList();

    [Fact]
    public async Task A_confirmed_speaker_is_told_and_invited_and_the_city_contact_is_told()
    {
        var (meeting, speaker, email) = await Proposed();

        await (await _admin.PostJson($"/api/meetings/{meeting}/speakers/{speaker}/confirm", new { })).Json(HttpStatusCode.OK);
        await app.Dispatch();
        await app.Dispatch();

        var confirmation = Assert.Single(Kind(email, meeting, "SpeakerConfirmed"));
        Assert.StartsWith("Ihr Vortrag ist bestätigt: ", confirmation.Subject, StringComparison.Ordinal);
        Assert.Contains("Die E-Akte in München", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains("Tagesordnung", confirmation.TextBody, StringComparison.Ordinal);
        var invitation = Assert.Single(Kind(email, meeting, "Invitation"));
        var calendar = invitation.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar");
        Assert.Equal($"mailto:{email}", Calendar.Load(calendar.Text)!.Events.Single().Attendees.Single().Value!.OriginalString);
        var toCity = Assert.Single(Kind(CityContact, meeting, "SpeakerConfirmed"));
        Assert.StartsWith("Vortrag bestätigt: Dr. Anna Huber", toCity.Subject, StringComparison.Ordinal);
        Assert.NotEqual(confirmation.Subject, toCity.Subject);
    }

    [Fact]
    public async Task A_rejected_speaker_and_the_city_contact_are_told_the_reason()
    {
        var (meeting, speaker, email) = await Proposed();

        await (await _admin.PostJson($"/api/meetings/{meeting}/speakers/{speaker}/reject", new { reason = "Die Tagesordnung ist voll." })).Json(HttpStatusCode.OK);
        await app.Dispatch();

        var rejection = Assert.Single(Kind(email, meeting, "SpeakerRejected"));
        Assert.StartsWith("Ihr Vortragsvorschlag wurde nicht angenommen: ", rejection.Subject, StringComparison.Ordinal);
        Assert.Contains("Begründung: Die Tagesordnung ist voll.", rejection.TextBody, StringComparison.Ordinal);
        Assert.Contains("Die Tagesordnung ist voll.", Assert.Single(Kind(CityContact, meeting, "SpeakerRejected")).TextBody, StringComparison.Ordinal);
        Assert.Empty(Kind(email, meeting, "Invitation"));
    }

    [Fact]
    public async Task Withdrawing_a_confirmed_speaker_tells_the_organizer_and_cancels_the_speakers_calendar_entry()
    {
        var (meeting, speaker, email) = await Proposed();
        await (await _admin.PostJson($"/api/meetings/{meeting}/speakers/{speaker}/confirm", new { })).Json(HttpStatusCode.OK);
        await app.Dispatch();

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/meetings/{meeting}/speakers/{speaker}")).StatusCode);
        await app.Dispatch();

        var notice = Assert.Single(Kind(Organizer, meeting, "SpeakerWithdrawn"));
        Assert.StartsWith("Vortrag zurückgezogen: Dr. Anna Huber", notice.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Die E-Akte in München (", notice.TextBody, StringComparison.Ordinal); // no longer on the agenda
        var cancel = Assert.Single(Kind(email, meeting, "Cancellation"));
        Assert.Equal("CANCEL", cancel.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar").ContentType.Parameters["method"]);
    }

    [Fact]
    public async Task Withdrawing_a_proposal_that_was_never_confirmed_tells_nobody()
    {
        var (meeting, speaker, email) = await Proposed();

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/meetings/{meeting}/speakers/{speaker}")).StatusCode);
        await app.Dispatch();

        Assert.Empty(Kind(Organizer, meeting, "SpeakerWithdrawn"));
        Assert.Empty(app.Smtp.To(email, meeting));
    }

    [Fact]
    public async Task A_speaker_confirmed_for_a_draft_is_told_now_and_invited_when_the_meeting_is_published()
    {
        var (meeting, speaker, email) = await Proposed(published: false);

        await (await _admin.PostJson($"/api/meetings/{meeting}/speakers/{speaker}/confirm", new { })).Json(HttpStatusCode.OK);
        await app.Dispatch();
        var beforePublishing = app.Smtp.To(email, meeting).Count;
        await (await _admin.PostAsync($"/api/meetings/{meeting}/publish", null)).Json(HttpStatusCode.OK);
        await app.Dispatch();

        Assert.Equal(1, beforePublishing);
        Assert.Contains("sobald der Termin veröffentlicht ist", Assert.Single(Kind(email, meeting, "SpeakerConfirmed")).TextBody, StringComparison.Ordinal);
        Assert.Single(Kind(email, meeting, "Invitation"));
    }

    [Fact]
    public async Task A_confirmation_not_yet_sent_when_the_speaker_is_withdrawn_is_skipped()
    {
        var (meeting, speaker, email) = await Proposed();
        await (await _admin.PostJson($"/api/meetings/{meeting}/speakers/{speaker}/confirm", new { })).Json(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/meetings/{meeting}/speakers/{speaker}")).StatusCode);
        await app.Dispatch();

        Assert.Empty(app.Smtp.To(email, meeting)); // no confirmation, and no cancellation of an invitation never sent
        var ledger = await (await _admin.GetAsync($"/api/meetings/{meeting}/deliveries?kind=speaker-confirmed")).Json(HttpStatusCode.OK);
        Assert.All(ledger.GetProperty("items").EnumerateArray(), row => Assert.Equal("skipped", row.Str("status")));
        Assert.Equal(2, ledger.GetProperty("total").GetInt32()); // the speaker and the city contact
    }
}
