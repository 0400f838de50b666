using System.Net;
using Meetings.Api.Tests.Infrastructure;
using MimeKit;

namespace Meetings.Api.Tests.Topics;

/// <summary>What department heads receive about the call for topics and the office's decisions, through the ledger, once.</summary>
public sealed class TopicMailTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private DateTimeOffset InAMonth => app.Clock.GetUtcNow().AddDays(30);

    private IReadOnlyList<MimeMessage> Kind(string email, string meeting, string kind) =>
        app.Smtp.To(email, meeting).Where(m => m.Headers["X-Meetings-Kind"] == kind).ToList();

    private async Task<(string Id, string Head)> Department()
    {
        var head = $"leitung.{Guid.NewGuid():N}@augsburg.example";
        return (await _admin.CreateDepartment(headEmail: head), head);
    }

    private async Task<string[]> Ledger(string meeting, string kind) =>
        (await (await _admin.GetAsync($"/api/meetings/{meeting}/deliveries?take=200&kind={kind}")).Json(HttpStatusCode.OK))
        .GetProperty("items").EnumerateArray().Select(d => $"{d.GetProperty("recipient").Str("email")} {d.Str("status")}").ToArray();

    [Fact]
    public async Task The_call_mails_each_head_once_with_the_invitation_link_of_a_published_meeting()
    {
        var (department, head) = await Department();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);

        await _admin.OpenCall(meeting, InAMonth.AddDays(-7), "Bitte Projekte mit Entscheidungsbedarf");
        await _admin.OpenCall(meeting, InAMonth.AddDays(-7), "Nur die Notiz geändert");
        await app.Dispatch();
        await app.Dispatch();

        var call = Assert.Single(Kind(head, meeting, "TopicCall"));
        Assert.StartsWith("Themenanmeldung: ", call.Subject, StringComparison.Ordinal);
        Assert.Contains("Melden Sie Ihre Themen bitte bis", call.TextBody, StringComparison.Ordinal);
        Assert.Contains("Thema anmelden", call.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(await app.HeadLink(meeting, department), Links.TokenIn(call));
        Assert.Equal(await _admin.ActiveDepartmentCount(), (await Ledger(meeting, "topic-call")).Length);
    }

    [Fact]
    public async Task A_draft_meetings_call_carries_the_calls_own_link_and_a_new_deadline_mails_again()
    {
        var (department, head) = await Department();
        var draft = (await _admin.CreateDraft(await _admin.CreateSeries(), InAMonth)).Id();

        await _admin.OpenCall(draft, InAMonth.AddDays(-7));
        await app.Dispatch();
        await _admin.OpenCall(draft, InAMonth.AddDays(-5));
        await app.Dispatch();

        var calls = Kind(head, draft, "TopicCall");
        Assert.Equal(2, calls.Count);
        var link = await app.CallLink(draft, department);
        Assert.All(calls, c => Assert.Equal(link, Links.TokenIn(c)));
        Assert.Equal(201, (int)(await app.Anonymous().PostJson($"/api/rsvp/{Links.TokenIn(calls[1])}/topics", TopicData.Topic())).StatusCode);
    }

    [Fact]
    public async Task Accepting_and_declining_tell_the_head_once_and_withdrawing_an_accepted_topic_tells_the_head_too()
    {
        var (department, head) = await Department();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        await _admin.OpenCall(meeting, InAMonth.AddDays(-7));
        var accepted = (await _admin.Proposed(meeting, TopicData.Topic("E-Akte-Pilot", departmentId: department))).Id();
        var declined = (await _admin.Proposed(meeting, TopicData.Topic("Drucker", departmentId: department))).Id();

        await (await _admin.PostJson($"/api/meetings/{meeting}/topics/{accepted}/accept", new { durationMinutes = 25 })).Json(HttpStatusCode.OK);
        await (await _admin.PostJson($"/api/meetings/{meeting}/topics/{declined}/decline", new { reason = "Das passt besser ins Frühjahr." })).Json(HttpStatusCode.OK);
        await app.Dispatch();
        await app.Dispatch();

        var yes = Assert.Single(Kind(head, meeting, "TopicAccepted"));
        Assert.StartsWith("Thema aufgenommen: „E-Akte-Pilot“", yes.Subject, StringComparison.Ordinal);
        Assert.Contains("(25 Minuten)", yes.TextBody, StringComparison.Ordinal);
        var no = Assert.Single(Kind(head, meeting, "TopicDeclined"));
        Assert.StartsWith("Thema nicht aufgenommen: „Drucker“", no.Subject, StringComparison.Ordinal);
        Assert.Contains("Das passt besser ins Frühjahr.", no.TextBody, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/meetings/{meeting}/topics/{accepted}")).StatusCode);
        await app.Dispatch();

        var taken = Kind(head, meeting, "TopicDeclined").Single(m => m.Subject!.Contains("E-Akte-Pilot", StringComparison.Ordinal));
        Assert.Contains("wieder von der Tagesordnung genommen", taken.TextBody, StringComparison.Ordinal);
        Assert.Equal([$"{head} sent"], await Ledger(meeting, "topic-accepted"));
        Assert.Equal([$"{head} sent", $"{head} sent"], await Ledger(meeting, "topic-declined"));
    }

    [Fact]
    public async Task A_call_mail_still_queued_when_the_call_closes_is_skipped()
    {
        var (_, head) = await Department();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);

        await _admin.OpenCall(meeting, InAMonth.AddDays(-7));
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/meetings/{meeting}/topic-call")).StatusCode);
        await app.Dispatch();

        Assert.Empty(Kind(head, meeting, "TopicCall"));
        Assert.Equal([$"{head} skipped"], (await Ledger(meeting, "topic-call")).Where(r => r.StartsWith(head, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_call_closed_before_its_mails_went_and_opened_again_with_the_same_deadline_mails_each_head_once()
    {
        var (_, head) = await Department();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var deadline = InAMonth.AddDays(-7);

        await _admin.OpenCall(meeting, deadline);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/meetings/{meeting}/topic-call")).StatusCode);
        await app.Dispatch();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await _admin.OpenCall(meeting, deadline);
        await app.Dispatch();
        await app.Dispatch();

        Assert.Single(Kind(head, meeting, "TopicCall"));
        Assert.Equal([$"{head} sent", $"{head} skipped"], (await Ledger(meeting, "topic-call")).Where(r => r.StartsWith(head, StringComparison.Ordinal)).Order());
    }
}
