using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Feedback;

/// <summary>
/// Feedback after a meeting (SPEC "Feedback (0–5 stars)"): the request mail to whoever attended, feedback through the
/// personal link within 14 days of the end, the office's anonymous summary and a partner city's view of its speaker's talk.
/// </summary>
public sealed partial class FeedbackTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    /// <summary>A published meeting of three new departments with two talks and a discussion on its agenda.</summary>
    /// <param name="Tokens">Each department's personal link, as its head got it by mail (read from the database: no response carries it).</param>
    private sealed record Arranged(
        string Meeting, string[] Departments, JsonElement[] Invitations, string[] Tokens, string Talk, string OtherTalk, string Discussion, DateTimeOffset End)
    {
        public JsonElement Of(int department) => Invitations.Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == Departments[department]);

        public string Token(int department) => Tokens[department];

        public string Head(int department) => Of(department).GetProperty("recipient").Str("email");
    }

    private async Task<Arranged> Published()
    {
        var departments = new[] { await _admin.CreateDepartment(), await _admin.CreateDepartment(), await _admin.CreateDepartment() };
        var start = app.Clock.GetUtcNow().AddDays(2);
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), start);
        var talk = await Item(meeting, "Die E-Akte in München", "talk");
        var other = await Item(meeting, "Open Data in Regensburg", "talk");
        var discussion = await Item(meeting, "Aussprache", "discussion");
        var invitations = await _admin.Invitations(meeting);
        var tokens = new string[departments.Length];
        for (var d = 0; d < departments.Length; d++)
        {
            tokens[d] = await app.Token(invitations.Single(i => i.TryGetProperty("departmentId", out var id) && id.GetString() == departments[d]));
        }

        return new Arranged(meeting, departments, invitations, tokens, talk, other, discussion, start.AddHours(3));
    }

    private async Task<string> Item(string meeting, string title, string kind) =>
        (await (await _admin.PostJson($"/api/meetings/{meeting}/agenda", new { title, durationMinutes = 30, kind })).Json(HttpStatusCode.Created)).Id();

    /// <summary>Completes the meeting an hour after its end with the given departments' invitations as attended.</summary>
    private async Task Complete(Arranged a, params int[] attended)
    {
        if (app.Clock.GetUtcNow() < a.End.AddHours(1))
        {
            app.Clock.SetUtcNow(a.End.AddHours(1));
        }

        await (await _admin.Action(a.Meeting, "complete", new { attendedInvitationIds = attended.Select(d => a.Of(d).Id()).ToArray() })).Json(HttpStatusCode.OK);
    }

    private async Task<Arranged> Completed(params int[] attended)
    {
        var a = await Published();
        await Complete(a, attended.Length == 0 ? [0, 1, 2] : attended);
        return a;
    }

    private Task<HttpResponseMessage> Give(string token, object body) => app.Anonymous().PutJson($"/api/rsvp/{token}/feedback", body);

    private async Task<JsonElement> Summary(string meeting) => await (await _admin.GetAsync($"/api/meetings/{meeting}/feedback")).Json(HttpStatusCode.OK);

    private async Task DispatchAll()
    {
        while ((await app.Dispatch()).Claimed > 0)
        {
        }
    }

    private List<MimeKit.MimeMessage> FeedbackMails(string meeting) =>
        app.Smtp.Received.Where(m => m.Headers["X-Meetings-Meeting"] == meeting && m.Headers["X-Meetings-Kind"] == "FeedbackRequest").ToList();

    [GeneratedRegex(@"https://intranet\.augsburg\.example/rsvp/(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex Link();

    [Fact]
    public async Task Completing_a_meeting_sends_one_feedback_request_to_each_attendee_and_none_to_the_absent_or_declined()
    {
        var a = await Published();
        var deputy = a.Of(0).GetProperty("recipient").Str("email").Replace("leitung.", "vertretung.", StringComparison.Ordinal);
        await (await app.Anonymous().PutJson($"/api/rsvp/{a.Token(0)}", new { status = "delegated", @delegate = new { name = "Vera Vertretung", email = deputy } })).Json(HttpStatusCode.OK);
        await (await app.Anonymous().PutJson($"/api/rsvp/{a.Token(2)}", new { status = "declined" })).Json(HttpStatusCode.OK);

        await Complete(a, 0, 1);
        await DispatchAll();
        await DispatchAll();

        var mails = FeedbackMails(a.Meeting);
        Assert.Equal(new[] { deputy, a.Head(1) }.Order(), mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.DoesNotContain(app.Smtp.To(a.Head(0), a.Meeting), m => m.Headers["X-Meetings-Kind"] == "FeedbackRequest");
        Assert.DoesNotContain(app.Smtp.To(a.Head(2), a.Meeting), m => m.Headers["X-Meetings-Kind"] == "FeedbackRequest");
        var toHead = mails.Single(m => m.To.Mailboxes.Single().Address == a.Head(1));
        Assert.StartsWith("Ihre Rückmeldung zu „", toHead.Subject, StringComparison.Ordinal);
        Assert.Equal(a.Token(1), Link().Match(toHead.TextBody ?? string.Empty).Groups["token"].Value);
        var delegateToken = Link().Match(mails.Single(m => m.To.Mailboxes.Single().Address == deputy).TextBody ?? string.Empty).Groups["token"].Value;
        Assert.NotEqual(a.Token(0), delegateToken); // the delegate's own link, never the head's
        await (await Give(delegateToken, new { rating = 4 })).Json(HttpStatusCode.OK);
        var ledger = (await (await _admin.GetAsync($"/api/meetings/{a.Meeting}/deliveries?take=200")).Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Where(d => d.Str("kind") == "feedback-request").ToList();
        Assert.Equal(2, ledger.Count);
        Assert.All(ledger, d => Assert.Equal("sent", d.Str("status")));
    }

    [Fact]
    public async Task Feedback_is_given_read_back_changed_and_a_repeated_put_changes_nothing()
    {
        var a = await Completed();
        var body = new { rating = 4, items = new[] { new { agendaItemId = a.Talk, rating = 5 } }, comment = "Gern mehr Zeit für die Aussprache." };

        var given = await (await Give(a.Token(0), body)).Json(HttpStatusCode.OK);
        var again = await (await Give(a.Token(0), body)).Json(HttpStatusCode.OK);
        var read = await (await app.Anonymous().GetAsync($"/api/rsvp/{a.Token(0)}/feedback")).Json(HttpStatusCode.OK);
        var changed = await (await Give(a.Token(0), new { rating = 2, items = new[] { new { agendaItemId = a.OtherTalk, rating = 1 } } })).Json(HttpStatusCode.OK);

        Assert.True(given.GetProperty("open").GetBoolean());
        Assert.Equal(4, given.GetProperty("given").GetProperty("rating").GetInt32());
        Assert.Equal(given.GetRawText(), again.GetRawText());
        Assert.Equal(given.GetProperty("given").GetRawText(), read.GetProperty("given").GetRawText());
        Assert.Equal([a.Talk, a.OtherTalk], read.GetProperty("talks").EnumerateArray().Select(t => t.Str("agendaItemId")));
        Assert.Equal(2, changed.GetProperty("given").GetProperty("rating").GetInt32());
        Assert.False(changed.GetProperty("given").TryGetProperty("comment", out _));
        var summary = await Summary(a.Meeting);
        Assert.Equal(1, summary.GetProperty("responses").GetInt32());
        Assert.Equal(2m, summary.GetProperty("average").GetDecimal());
        Assert.Empty(summary.GetProperty("comments").EnumerateArray());
        var items = summary.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal((0, 1), (items[0].GetProperty("responses").GetInt32(), items[1].GetProperty("responses").GetInt32()));
    }

    [Fact]
    public async Task The_same_links_first_feedback_sent_several_times_at_once_is_stored_once()
    {
        var a = await Completed();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(n => Give(a.Token(0), new { rating = n % 6 })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var summary = await Summary(a.Meeting);
        Assert.Equal(1, summary.GetProperty("responses").GetInt32());
    }

    [Theory]
    [InlineData("""{ "rating": 6 }""", "rating")]
    [InlineData("""{ "rating": -1 }""", "rating")]
    [InlineData("""{ }""", "rating")]
    [InlineData("""{ "rating": 3, "comment": "a\u0000b" }""", "comment")]
    public async Task A_rating_outside_0_to_5_or_a_bad_comment_is_a_400_naming_the_field(string json, string field)
    {
        var a = await Completed();

        var response = await app.Anonymous().SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/rsvp/{a.Token(0)}/feedback")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        });

        Assert.True((await response.ValidationErrors()).TryGetProperty(field, out _));
        Assert.Equal(0, (await Summary(a.Meeting)).GetProperty("responses").GetInt32());
    }

    [Theory]
    [InlineData("""{ "rating": 2.5 }""")]
    [InlineData("""{ "rating": 1e400 }""")]
    [InlineData("""{ "rating": 3, "items": [{ "agendaItemId": "no-guid", "rating": 3 }] }""")]
    [InlineData("""[1, 2]""")]
    public async Task A_body_that_is_not_whole_numbers_of_stars_is_a_400_never_a_5xx(string json)
    {
        var a = await Completed();

        var response = await app.Anonymous().SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/rsvp/{a.Token(0)}/feedback")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        });

        await response.Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Items_must_be_talks_of_this_meeting_each_at_most_once_and_a_comment_has_at_most_2000_characters()
    {
        var a = await Completed();
        var elsewhere = (await Published()).Talk;

        var discussion = await Give(a.Token(0), new { rating = 3, items = new[] { new { agendaItemId = a.Discussion, rating = 3 } } });
        var foreign = await Give(a.Token(0), new { rating = 3, items = new[] { new { agendaItemId = elsewhere, rating = 3 } } });
        var twice = await Give(a.Token(0), new { rating = 3, items = new[] { new { agendaItemId = a.Talk, rating = 3 }, new { agendaItemId = a.Talk, rating = 4 } } });
        var talkStars = await Give(a.Token(0), new { rating = 3, items = new[] { new { agendaItemId = a.Talk, rating = 9 } } });
        var tooLong = await Give(a.Token(0), new { rating = 3, comment = new string('x', 2001) });

        Assert.True((await discussion.ValidationErrors()).TryGetProperty("items[0].agendaItemId", out _));
        Assert.True((await foreign.ValidationErrors()).TryGetProperty("items[0].agendaItemId", out _));
        Assert.True((await twice.ValidationErrors()).TryGetProperty("items[1].agendaItemId", out _));
        Assert.True((await talkStars.ValidationErrors()).TryGetProperty("items[0].rating", out _));
        Assert.True((await tooLong.ValidationErrors()).TryGetProperty("comment", out _));
    }

    [Fact]
    public async Task Feedback_opens_with_the_completion_is_taken_on_day_13_and_refused_with_409_on_day_15()
    {
        var a = await Published();
        app.Clock.SetUtcNow(a.End.AddHours(1));
        var before = await Give(a.Token(0), new { rating = 4 });
        await Complete(a, 0);

        app.Clock.SetUtcNow(a.End.AddDays(13));
        var day13 = await Give(a.Token(0), new { rating = 4 });
        app.Clock.SetUtcNow(a.End.AddDays(15));
        var day15 = await Give(a.Token(0), new { rating = 1 });
        var read = await (await app.Anonymous().GetAsync($"/api/rsvp/{a.Token(0)}/feedback")).Json(HttpStatusCode.OK);

        Assert.Contains("completed", (await before.Problem(HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
        await day13.Json(HttpStatusCode.OK);
        Assert.Contains("14 days after the meeting's end", (await day15.Problem(HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
        Assert.False(read.GetProperty("open").GetBoolean());
        Assert.Equal(4, read.GetProperty("given").GetProperty("rating").GetInt32());
        Assert.Equal(4m, (await Summary(a.Meeting)).GetProperty("average").GetDecimal());
    }

    [Fact]
    public async Task Only_the_one_who_attended_gives_feedback_others_are_told_why_in_a_403_and_an_unknown_link_is_a_404()
    {
        var a = await Published();
        var deputy = a.Head(0).Replace("leitung.", "vertretung.", StringComparison.Ordinal);
        await (await app.Anonymous().PutJson($"/api/rsvp/{a.Token(0)}", new { status = "delegated", @delegate = new { name = "Vera Vertretung", email = deputy } })).Json(HttpStatusCode.OK);
        await Complete(a, 0, 1);

        var headOfDelegate = await Give(a.Token(0), new { rating = 5 });
        var absent = await Give(a.Token(2), new { rating = 5 });
        var unknown = await Give("an-unknown-link-of-no-one", new { rating = 5 });
        var absentView = await (await app.Anonymous().GetAsync($"/api/rsvp/{a.Token(2)}/feedback")).Json(HttpStatusCode.OK);

        Assert.Contains("delegate attended", (await headOfDelegate.Problem(HttpStatusCode.Forbidden)).Str("detail"), StringComparison.Ordinal);
        Assert.Contains("not", (await absent.Problem(HttpStatusCode.Forbidden)).Str("detail"), StringComparison.Ordinal);
        await unknown.Problem(HttpStatusCode.NotFound);
        Assert.False(absentView.GetProperty("open").GetBoolean());
        Assert.Equal(0, (await Summary(a.Meeting)).GetProperty("responses").GetInt32());
    }

    [Fact]
    public async Task The_summary_counts_exactly_distribution_average_and_per_talk_with_averages_rounded_to_two_decimals()
    {
        var a = await Completed();
        await (await Give(a.Token(0), new { rating = 5, items = new[] { new { agendaItemId = a.Talk, rating = 4 } }, comment = "Sehr gut." })).Json(HttpStatusCode.OK);
        await (await Give(a.Token(1), new { rating = 5, items = new[] { new { agendaItemId = a.Talk, rating = 3 }, new { agendaItemId = a.OtherTalk, rating = 0 } } })).Json(HttpStatusCode.OK);
        await (await Give(a.Token(2), new { rating = 1, comment = "Zu lang." })).Json(HttpStatusCode.OK);

        var summary = await Summary(a.Meeting);

        Assert.Equal(a.Invitations.Length, summary.GetProperty("invited").GetInt32());
        Assert.Equal(3, summary.GetProperty("attended").GetInt32());
        Assert.Equal(3, summary.GetProperty("responses").GetInt32());
        Assert.Equal(3.67m, summary.GetProperty("average").GetDecimal()); // 11 / 3
        Assert.Equal([0, 1, 0, 0, 0, 2], summary.GetProperty("distribution").EnumerateArray().Select(n => n.GetInt32()));
        var items = summary.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([a.Talk, a.OtherTalk], items.Select(i => i.Str("agendaItemId")));
        Assert.Equal(("Die E-Akte in München", 2, 3.5m), (items[0].Str("title"), items[0].GetProperty("responses").GetInt32(), items[0].GetProperty("average").GetDecimal()));
        Assert.Equal((1, 0m), (items[1].GetProperty("responses").GetInt32(), items[1].GetProperty("average").GetDecimal()));
        Assert.Equal(["Sehr gut.", "Zu lang."], summary.GetProperty("comments").EnumerateArray().Select(c => c.GetString()).Order());
        var nobody = await Summary((await Published()).Meeting);
        Assert.False(nobody.TryGetProperty("average", out _)); // null: left out
        Assert.Equal([0, 0, 0, 0, 0, 0], nobody.GetProperty("distribution").EnumerateArray().Select(n => n.GetInt32()));
    }

    [Fact]
    public async Task Comments_come_in_a_fresh_random_order_not_the_order_they_were_given_in()
    {
        var a = await Published();
        var departments = new List<string>();
        for (var n = 0; n < 5; n++)
        {
            departments.Add(await _admin.CreateDepartment());
        }

        // a meeting of its own with eight attendees: the three of the arrangement and five more
        var start = app.Clock.GetUtcNow().AddDays(2);
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), start);
        var invitations = (await _admin.Invitations(meeting)).Where(i => i.Str("kind") == "department").ToList();
        app.Clock.SetUtcNow(start.AddHours(4));
        await (await _admin.Action(meeting, "complete", new { attendedInvitationIds = invitations.Select(i => i.Id()).ToArray() })).Json(HttpStatusCode.OK);
        var given = new List<string>();
        foreach (var invitation in invitations.Take(8))
        {
            var comment = $"Kommentar {given.Count}";
            await (await Give(await app.Token(invitation), new { rating = 3, comment })).Json(HttpStatusCode.OK);
            given.Add(comment);
        }

        var orders = new List<string>();
        for (var n = 0; n < 6; n++)
        {
            orders.Add(string.Join("|", (await Summary(meeting)).GetProperty("comments").EnumerateArray().Select(c => c.GetString())));
        }

        Assert.All(orders, o => Assert.Equal(given.Order(), o.Split('|').Order()));
        Assert.Contains(orders, o => o != string.Join("|", given));
        Assert.True(orders.Distinct().Count() > 1, "the comments came in the same order on every read");
        _ = a;
    }

    [Fact]
    public async Task No_response_tells_who_gave_which_rating_not_the_audit_log_the_ledger_the_invitations_nor_another_invitees_link()
    {
        var a = await Completed();
        const string Secret = "Vertraulich: der Vortrag war schwach";
        var etagBefore = (await _admin.GetAsync($"/api/meetings/{a.Meeting}")).Headers.ETag;
        await (await Give(a.Token(0), new { rating = 1, items = new[] { new { agendaItemId = a.Talk, rating = 0 } }, comment = Secret })).Json(HttpStatusCode.OK);
        await (await Give(a.Token(0), new { rating = 2, items = new[] { new { agendaItemId = a.Talk, rating = 0 } }, comment = Secret })).Json(HttpStatusCode.OK);
        await (await Give(a.Token(1), new { rating = 5 })).Json(HttpStatusCode.OK);
        var invitationIds = a.Invitations.Select(i => i.Id()).ToList();

        var audit = await (await _admin.GetAsync($"/api/audit?resourceType=meeting&resourceId={a.Meeting}&take=200")).Content.ReadAsStringAsync();
        var entries = JsonDocument.Parse(audit).RootElement.GetProperty("items").EnumerateArray().Where(e => e.Str("operation") == "GiveFeedback").ToList();
        var views = new[]
        {
            await (await _admin.GetAsync($"/api/meetings/{a.Meeting}/deliveries?take=200")).Content.ReadAsStringAsync(),
            await (await _admin.GetAsync($"/api/meetings/{a.Meeting}/invitations?take=200")).Content.ReadAsStringAsync(),
            await (await _admin.GetAsync($"/api/meetings/{a.Meeting}")).Content.ReadAsStringAsync(),
            await (await _admin.GetAsync($"/api/meetings/{a.Meeting}/attendance")).Content.ReadAsStringAsync(),
            await (await app.Anonymous().GetAsync($"/api/rsvp/{a.Token(2)}")).Content.ReadAsStringAsync(),
            await (await app.Anonymous().GetAsync($"/api/rsvp/{a.Token(2)}/feedback")).Content.ReadAsStringAsync(),
        };
        var anotherPage = await (await app.CreateClient().GetAsync($"/rsvp/{a.Token(2)}")).Content.ReadAsStringAsync(); // an attendee who gave none
        var ownOfAnother = await (await app.Anonymous().GetAsync($"/api/rsvp/{a.Token(1)}/feedback")).Json(HttpStatusCode.OK);
        var summary = await Summary(a.Meeting);
        var etagAfter = (await _admin.GetAsync($"/api/meetings/{a.Meeting}")).Headers.ETag;

        Assert.NotNull(etagBefore);
        Assert.Equal(etagBefore, etagAfter); // giving feedback changes no version anyone can watch
        Assert.Equal(3, entries.Count); // recorded as changes of the meeting by a personal link, without who or what
        Assert.All(entries, e =>
        {
            Assert.Equal(("meeting", a.Meeting), (e.Str("resourceType"), e.Str("resourceId")));
            Assert.False(e.GetProperty("actor").TryGetProperty("invitationId", out _));
            Assert.DoesNotContain(invitationIds, id => e.GetRawText().Contains(id, StringComparison.Ordinal));
        });
        Assert.DoesNotContain(Secret, audit, StringComparison.Ordinal);
        Assert.All(views, v => Assert.DoesNotContain(Secret, v, StringComparison.Ordinal));
        Assert.All(views, v => Assert.DoesNotContain("\"rating\"", v, StringComparison.Ordinal));
        Assert.Contains("feedback-form", anotherPage, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, anotherPage, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"name=""Feedback\.Rating"" value=""\d"" checked", anotherPage);
        Assert.Equal(5, ownOfAnother.GetProperty("given").GetProperty("rating").GetInt32()); // a link shows its own feedback, no one else's
        Assert.DoesNotContain(Secret, ownOfAnother.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(invitationIds, id => summary.GetRawText().Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain(a.Invitations, i => summary.GetRawText().Contains(i.GetProperty("recipient").Str("email"), StringComparison.Ordinal));
        Assert.Equal([Secret], summary.GetProperty("comments").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task A_partner_key_sees_the_summary_of_its_own_speakers_talk_and_another_citys_key_gets_a_404()
    {
        var a = await Published();
        var (munich, other) = (await _admin.CreatePartnerCity(), await _admin.CreatePartnerCity());
        var (_, munichKey) = await _admin.CreateKey("partner", cityId: munich);
        var (_, otherKey) = await _admin.CreateKey("partner", cityId: other);
        var (_, departmentKey) = await _admin.CreateKey("department", departmentId: a.Departments[0]);
        var speaker = (await (await app.WithKey(munichKey).PostJson($"/api/meetings/{a.Meeting}/speakers", new
        {
            name = "Dr. Anna Huber", title = "IT-Direktorin", organization = "Landeshauptstadt München", email = $"{Guid.NewGuid():N}@muenchen.example",
            talkTitle = "Die E-Akte in München", requestedMinutes = 30,
        })).Json(HttpStatusCode.Created)).Id();
        await (await _admin.PostJson($"/api/meetings/{a.Meeting}/speakers/{speaker}/confirm", new { })).Json(HttpStatusCode.OK);
        var talk = (await (await _admin.GetAsync($"/api/meetings/{a.Meeting}/agenda")).Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(i => i.TryGetProperty("presenter", out var p) && p.TryGetProperty("refId", out var r) && r.GetString() == speaker).Id();
        await Complete(a, 0, 1, 2);
        await (await Give(a.Token(0), new { rating = 2, items = new[] { new { agendaItemId = talk, rating = 5 } }, comment = "Nur fürs Büro." })).Json(HttpStatusCode.OK);
        await (await Give(a.Token(1), new { rating = 3, items = new[] { new { agendaItemId = talk, rating = 4 }, new { agendaItemId = a.Talk, rating = 1 } } })).Json(HttpStatusCode.OK);
        var path = $"/api/meetings/{a.Meeting}/speakers/{speaker}/feedback";

        var own = await (await app.WithKey(munichKey).GetAsync(path)).Json(HttpStatusCode.OK);
        var byAdmin = await (await _admin.GetAsync(path)).Json(HttpStatusCode.OK);
        var foreign = await app.WithKey(otherKey).GetAsync(path);
        var department = await app.WithKey(departmentKey).GetAsync(path);

        Assert.Equal((2, 4.5m, "Die E-Akte in München"), (own.GetProperty("responses").GetInt32(), own.GetProperty("average").GetDecimal(), own.Str("talkTitle")));
        Assert.Equal([0, 0, 0, 0, 1, 1], own.GetProperty("distribution").EnumerateArray().Select(n => n.GetInt32()));
        Assert.Equal([talk], own.GetProperty("items").EnumerateArray().Select(i => i.Str("agendaItemId")));
        Assert.DoesNotContain("Nur fürs Büro.", own.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(own.GetRawText(), byAdmin.GetRawText());
        var hidden = (await foreign.Problem(HttpStatusCode.NotFound)).GetRawText();
        Assert.DoesNotContain("E-Akte", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain("responses", hidden, StringComparison.Ordinal);
        await department.Problem(HttpStatusCode.Forbidden);
        await (await app.WithKey(munichKey).GetAsync($"/api/meetings/{a.Meeting}/feedback")).Problem(HttpStatusCode.Forbidden);
    }
}
