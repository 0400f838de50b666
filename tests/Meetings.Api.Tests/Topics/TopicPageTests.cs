using System.Net;
using System.Text.RegularExpressions;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Topics;

/// <summary>The topics part of a head's answer page: when it offers the form, and how it words a refusal.</summary>
public sealed partial class TopicPageTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private DateTimeOffset InAMonth => app.Clock.GetUtcNow().AddDays(30);

    private async Task<(string Meeting, string Department, string Token)> PublishedWithCall(string language = "de")
    {
        var code = DirectoryData.Unique("T").ToUpperInvariant();
        var department = (await (await _admin.PostJson("/api/departments", new
        {
            code,
            name = $"Amt {code}",
            head = new { name = $"Leitung {code}", email = $"leitung.{code.ToLowerInvariant()}@augsburg.example", title = "Amtsleiterin", language },
        })).Json(HttpStatusCode.Created)).Id();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        await _admin.OpenCall(meeting, InAMonth.AddDays(-7));
        return (meeting, department, await app.HeadLink(meeting, department));
    }

    /// <summary>Posts the topic form as a browser does: the page first (its antiforgery cookie and field), then the form.</summary>
    private static async Task<HttpResponseMessage> PostTopic(HttpClient browser, string pagePath, string? action, string title)
    {
        var page = await browser.GetStringAsync(pagePath);
        var field = AntiforgeryValue().Match(page);
        Assert.True(field.Success, "the page has no antiforgery field");
        return await browser.PostAsync(action, new FormUrlEncodedContent(
        [
            new("Topic.Title", title), new("Topic.RequestedMinutes", "20"),
            new("__RequestVerificationToken", WebUtility.HtmlDecode(field.Groups[1].Value)),
        ]));
    }

    private static string? FormAction(string page) =>
        TopicFormAction().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [Fact]
    public async Task A_call_on_a_cancelled_meeting_is_not_open_and_the_heads_page_offers_no_form()
    {
        var (meeting, _, token) = await PublishedWithCall();
        Assert.NotNull(FormAction(await app.Anonymous().GetStringAsync($"/rsvp/{token}")));

        Assert.Equal(HttpStatusCode.OK, (await _admin.Action(meeting, "cancel", new { reason = "Haushaltsklausur" })).StatusCode);

        var call = await (await _admin.GetAsync($"/api/meetings/{meeting}/topic-call")).Json(HttpStatusCode.OK);
        Assert.False(call.GetProperty("open").GetBoolean());
        var byLink = await (await app.Anonymous().GetAsync($"/api/rsvp/{token}/topics")).Json(HttpStatusCode.OK);
        Assert.False(byLink.GetProperty("call").GetProperty("open").GetBoolean());
        Assert.False(byLink.GetProperty("canPropose").GetBoolean());
        var page = await app.Anonymous().GetStringAsync($"/rsvp/{token}");
        Assert.Null(FormAction(page));
        Assert.DoesNotContain("höchste Zahl an Themen", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_calls_own_page_says_planned_for_a_draft_and_cancelled_once_it_is_and_then_offers_no_form()
    {
        var department = await _admin.CreateDepartment();
        var draft = (await _admin.CreateDraft(await _admin.CreateSeries(), InAMonth)).Id();
        await _admin.OpenCall(draft, InAMonth.AddDays(-7));
        var link = await app.CallLink(draft, department);
        const string planned = "Das Treffen ist in Planung; die Einladung folgt.";

        var before = await app.Anonymous().GetStringAsync($"/rsvp/{link}");
        Assert.Contains(planned, before, StringComparison.Ordinal);
        Assert.NotNull(FormAction(before));

        Assert.Equal(HttpStatusCode.OK, (await _admin.Action(draft, "cancel", new { reason = "Haushaltsklausur" })).StatusCode);

        var after = await app.Anonymous().GetStringAsync($"/rsvp/{link}");
        Assert.Contains("Dieser Termin wurde abgesagt.", after, StringComparison.Ordinal);
        Assert.DoesNotContain(planned, after, StringComparison.Ordinal);
        Assert.Null(FormAction(after));
        var byLink = await (await app.Anonymous().GetAsync($"/api/rsvp/{link}/topics")).Json(HttpStatusCode.OK);
        Assert.False(byLink.GetProperty("call").GetProperty("open").GetBoolean());
    }

    [Fact]
    public async Task A_proposal_over_the_limit_is_refused_on_the_page_in_the_words_of_the_limit()
    {
        var (_, _, token) = await PublishedWithCall();
        var browser = app.Anonymous();
        for (var i = 1; i <= 5; i++)
        {
            await (await browser.PostJson($"/api/rsvp/{token}/topics", TopicData.Topic($"Thema {i}"))).Json(HttpStatusCode.Created);
        }

        var sixth = await PostTopic(browser, $"/rsvp/{token}", $"/rsvp/{token}/topics?lang=de", "Thema 6");

        Assert.Equal(HttpStatusCode.Conflict, sixth.StatusCode);
        var page = await sixth.Content.ReadAsStringAsync();
        Assert.Contains("Ihr Amt hat bereits die höchste Zahl an Themen für dieses Treffen angemeldet.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Die Themenanmeldung für dieses Treffen ist geschlossen.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_head_whose_language_is_english_who_switched_to_german_posts_the_topic_form_and_reads_german_back()
    {
        var (_, _, token) = await PublishedWithCall(language: "en");
        var browser = app.Anonymous();
        var german = await browser.GetStringAsync($"/rsvp/{token}?lang=de");
        var action = FormAction(german);
        Assert.Equal($"/rsvp/{token}/topics?lang=de", action);

        var refused = await PostTopic(browser, $"/rsvp/{token}?lang=de", action, string.Empty);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Bitte prüfen Sie die markierten Angaben.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Please check the marked entries.", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryValue();

    [GeneratedRegex("<form id=\"topic-form\" method=\"post\" action=\"([^\"]*)\"")]
    private static partial Regex TopicFormAction();
}
