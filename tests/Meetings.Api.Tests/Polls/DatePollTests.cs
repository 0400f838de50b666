using System.Net;
using Meetings.Api.Tests.Infrastructure;
using static Meetings.Api.Tests.Polls.PollArrange;

namespace Meetings.Api.Tests.Polls;

/// <summary>
/// Finding a date (SPEC "Finding a date"): the poll on a draft over HTTP, its mails through the ledger to a real SMTP
/// server, votes by link and by department key, the result, closing.
/// </summary>
public sealed class DatePollTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private async Task<string> HeadOf(string department) =>
        (await (await _admin.GetAsync($"/api/departments/{department}")).Json(HttpStatusCode.OK)).GetProperty("head").Str("email");

    [Fact]
    public async Task Opening_mails_every_participant_once_with_a_poll_link_of_their_own()
    {
        var a = await Open(app, _admin);
        var head = await HeadOf(a.Department);
        await app.DispatchAll();
        await app.DispatchAll();

        var mails = app.Mails(a.Meeting, "DatePoll");
        Assert.Equal(await _admin.ActiveDepartmentCount() + 2, a.Participants);
        Assert.Equal(a.Participants, mails.Count);
        Assert.Equal(a.Participants, mails.Select(m => m.To()).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(a.Participants, mails.Select(PollToken).Where(t => t.Length > 0).Distinct().Count());
        var toHead = mails.Single(m => m.To() == head);
        Assert.StartsWith("Terminabstimmung: „Treffen ", toHead.Subject, StringComparison.Ordinal);
        Assert.Contains("Bitte stimmen Sie bald ab.", toHead.TextBody, StringComparison.Ordinal);
        Assert.Contains("/poll/", toHead.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/rsvp/", toHead.TextBody, StringComparison.Ordinal);
        var ledger = (await (await _admin.GetAsync($"/api/meetings/{a.Meeting}/deliveries?take=200")).Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(a.Participants, ledger.Count(d => d.Str("kind") == "date-poll" && d.Str("status") == "sent"));
        Assert.Equal(a.Participants, ledger.Count(d => d.Str("kind") == "poll-nudge" && d.Str("status") == "queued"));
    }

    [Fact]
    public async Task Votes_by_link_and_by_department_key_make_the_result_exact()
    {
        var a = await Open(app, _admin);
        var head = await HeadOf(a.Department);
        await app.DispatchAll();
        var mails = app.Mails(a.Meeting, "DatePoll");
        var hosts = mails.Where(m => m.To().EndsWith("@host.example", StringComparison.Ordinal)).OrderBy(m => m.To()).ToList();
        var headMail = mails.Single(m => m.To() == head);
        var (_, key) = await _admin.CreateKey("department", a.OtherDepartment);

        await (await app.Anonymous().PutJson($"/api/poll/{PollToken(hosts[0])}", Votes(a, "yes", "no", "maybe"))).Json(HttpStatusCode.OK);
        await (await app.Anonymous().PutJson($"/api/poll/{PollToken(hosts[1])}", Votes(a, "yes", "yes", "yes"))).Json(HttpStatusCode.OK);
        var own = await (await app.Anonymous().PutJson($"/api/poll/{PollToken(headMail)}", Votes(a, "yes", "yes", "no"))).Json(HttpStatusCode.OK);
        var byKey = await (await app.WithKey(key).PutJson($"/api/meetings/{a.Meeting}/poll/votes/{a.OtherDepartment}", Votes(a, "no", "yes", "yes"))).Json(HttpStatusCode.OK);

        Assert.True(own.GetProperty("poll").GetProperty("ownVote").GetProperty("voted").GetBoolean());
        Assert.False(own.GetProperty("poll").TryGetProperty("best", out _)); // a participant does not see the others' votes
        Assert.False(byKey.GetProperty("slots")[0].TryGetProperty("yes", out _));
        Assert.Equal("no", byKey.GetProperty("ownVote").GetProperty("votes")[0].Str("answer"));
        var result = await (await _admin.GetAsync($"/api/meetings/{a.Meeting}/poll")).Json(HttpStatusCode.OK);
        Assert.Equal("open", result.Str("status"));
        Assert.Equal(4, result.GetProperty("voted").GetInt32());
        Assert.Equal(a.Participants, result.GetProperty("participants").GetInt32());
        var slots = result.GetProperty("slots").EnumerateArray().ToList();
        Assert.Equal([3, 0, 1], [slots[0].GetProperty("yes").GetInt32(), slots[0].GetProperty("maybe").GetInt32(), slots[0].GetProperty("no").GetInt32()]);
        Assert.Equal([3, 0, 1], [slots[1].GetProperty("yes").GetInt32(), slots[1].GetProperty("maybe").GetInt32(), slots[1].GetProperty("no").GetInt32()]);
        Assert.Equal([2, 1, 1], [slots[2].GetProperty("yes").GetInt32(), slots[2].GetProperty("maybe").GetInt32(), slots[2].GetProperty("no").GetInt32()]);
        Assert.True(slots[0].GetProperty("hostsAvailable").GetBoolean());
        Assert.False(slots[1].GetProperty("hostsAvailable").GetBoolean());
        Assert.Equal(["Dr. Maria Lindner"], slots[1].GetProperty("noFrom").EnumerateArray().Select(n => n.GetString()));
        // Hosts can make slots 0 and 2; slot 0 has more yes. Slot 1 (a host cannot) comes last.
        Assert.Equal([a.Slots[0], a.Slots[2], a.Slots[1]], result.GetProperty("best").EnumerateArray().Select(s => s.GetString()!));
        var keyView = await (await app.WithKey(key).GetAsync($"/api/meetings/{a.Meeting}/poll")).Json(HttpStatusCode.OK);
        Assert.False(keyView.TryGetProperty("best", out _));
        Assert.Equal(a.OtherDepartment, keyView.GetProperty("ownVote").Str("departmentId"));
    }

    [Fact]
    public async Task Wrong_votes_are_400_another_department_403_unknown_404_and_late_ones_409()
    {
        var a = await Open(app, _admin, deadlineDays: 3);
        var head = await HeadOf(a.Department);
        await app.DispatchAll();
        var token = PollToken(app.Mails(a.Meeting, "DatePoll").Single(m => m.To() == head));
        var (_, key) = await _admin.CreateKey("department", a.OtherDepartment);
        var anonymous = app.Anonymous();

        var missing = await (await anonymous.PutJson($"/api/poll/{token}", new { votes = new[] { new { slotId = a.Slots[0], answer = "yes" } } })).ValidationErrors();
        Assert.True(missing.TryGetProperty("votes", out _));
        await (await anonymous.PutJson($"/api/poll/{token}", new { votes = a.Slots.Select(s => new { slotId = s, answer = "perhaps" }) })).Problem(HttpStatusCode.BadRequest);
        await (await app.WithKey(key).PutJson($"/api/meetings/{a.Meeting}/poll/votes/{a.Department}", Votes(a, "yes", "yes", "yes"))).Problem(HttpStatusCode.Forbidden);
        await (await anonymous.PutJson("/api/poll/not-a-valid-token-at-all-000000000", Votes(a, "yes", "yes", "yes"))).Problem(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync("/api/poll/not-a-valid-token-at-all-000000000")).Problem(HttpStatusCode.NotFound);
        var noPoll = (await _admin.CreateDraft(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30))).Id();
        await (await _admin.GetAsync($"/api/meetings/{noPoll}/poll")).Problem(HttpStatusCode.NotFound);
        await (await app.WithKey(key).PutJson($"/api/meetings/{a.Meeting}/poll", Body(app.Clock.GetUtcNow(), a.Deadline))).Problem(HttpStatusCode.Forbidden);
        var overlapping = await (await _admin.PutJson($"/api/meetings/{noPoll}/poll", Body(app.Clock.GetUtcNow(), a.Deadline, 20, 20))).ValidationErrors();
        Assert.True(overlapping.TryGetProperty("slots[1]", out _));

        app.Clock.SetUtcNow(a.Deadline);
        var late = await (await anonymous.PutJson($"/api/poll/{token}", Votes(a, "yes", "yes", "yes"))).Problem(HttpStatusCode.Conflict);
        Assert.Equal("The poll's deadline has passed.", late.Str("detail"));
        var view = await (await anonymous.GetAsync($"/api/poll/{token}")).Json(HttpStatusCode.OK);
        Assert.False(view.GetProperty("canVote").GetBoolean());
    }

    [Fact]
    public async Task Closing_with_a_slot_moves_the_draft_and_tells_every_participant_once()
    {
        var a = await Open(app, _admin);
        var head = await HeadOf(a.Department);
        await app.DispatchAll();
        var token = PollToken(app.Mails(a.Meeting, "DatePoll").Single(m => m.To() == head));

        var closed = await (await _admin.PostJson($"/api/meetings/{a.Meeting}/poll/close", new { slotId = a.Slots[1] })).Json(HttpStatusCode.OK);
        await app.DispatchAll();
        await app.DispatchAll();

        Assert.Equal("closed", closed.Str("status"));
        Assert.Equal(a.Slots[1], closed.Str("chosenSlotId"));
        var meeting = await (await _admin.GetAsync($"/api/meetings/{a.Meeting}")).Json(HttpStatusCode.OK);
        var slot = a.Poll.GetProperty("slots")[1];
        Assert.Equal(slot.GetProperty("startsAt").GetDateTimeOffset(), meeting.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(slot.GetProperty("endsAt").GetDateTimeOffset(), meeting.GetProperty("endsAt").GetDateTimeOffset());
        var chosen = app.Mails(a.Meeting, "DateChosen");
        Assert.Equal(a.Participants, chosen.Count);
        Assert.Equal(a.Participants, chosen.Select(m => m.To()).Distinct().Count());
        Assert.StartsWith("Termin steht fest: „", chosen[0].Subject, StringComparison.Ordinal);
        await (await app.Anonymous().PutJson($"/api/poll/{token}", Votes(a, "yes", "yes", "yes"))).Problem(HttpStatusCode.Conflict);
        await (await _admin.PostJson($"/api/meetings/{a.Meeting}/poll/close", new { })).Problem(HttpStatusCode.Conflict);
        var ledger = (await (await _admin.GetAsync($"/api/meetings/{a.Meeting}/deliveries?take=200")).Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        Assert.All(ledger.Where(d => d.Str("kind") == "poll-nudge"), d => Assert.Equal("skipped", d.Str("status")));
    }

    [Fact]
    public async Task Closing_with_a_slot_moves_the_agenda_with_the_draft_and_a_date_the_draft_cannot_take_is_a_409()
    {
        var a = await Open(app, _admin);
        await (await _admin.PostJson($"/api/meetings/{a.Meeting}/agenda", new { title = "Begrüßung", durationMinutes = 30, kind = "discussion" })).Json(HttpStatusCode.Created);
        await (await _admin.PostJson($"/api/meetings/{a.Meeting}/agenda", new { title = "E-Akte", durationMinutes = 60, kind = "discussion" })).Json(HttpStatusCode.Created);
        var slot = a.Poll.GetProperty("slots")[2];
        var start = slot.GetProperty("startsAt").GetDateTimeOffset();

        await (await _admin.PostJson($"/api/meetings/{a.Meeting}/poll/close", new { slotId = a.Slots[2] })).Json(HttpStatusCode.OK);

        var agenda = await (await _admin.GetAsync($"/api/meetings/{a.Meeting}/agenda")).Json(HttpStatusCode.OK);
        var items = agenda.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(start, agenda.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal([start, start.AddMinutes(30)], items.Select(i => i.GetProperty("startsAt").GetDateTimeOffset()).ToArray());
        Assert.Equal(start.AddMinutes(90), items[1].GetProperty("endsAt").GetDateTimeOffset());

        // A draft whose agenda is longer than the slot does not take its date: 409, and the poll stays open.
        var now = app.Clock.GetUtcNow();
        var draft = (await _admin.CreateDraft(await _admin.CreateSeries(), now.AddDays(40))).Id();
        await (await _admin.PostJson($"/api/meetings/{draft}/agenda", new { title = "Klausur", durationMinutes = 90, kind = "discussion" })).Json(HttpStatusCode.Created);
        var hour = now.UtcDateTime.Date.AddDays(20).AddHours(12);
        var shortSlot = await (await _admin.PutJson($"/api/meetings/{draft}/poll", new
        {
            slots = new[] { 0, 1 }.Select(d => new { startsAt = hour.AddDays(d).ToString("O"), endsAt = hour.AddDays(d).AddHours(1).ToString("O") }).ToArray(),
            deadline = now.AddDays(10).ToString("O"),
        })).Json(HttpStatusCode.OK);
        var b = (Meeting: draft, Slots: shortSlot.GetProperty("slots").EnumerateArray().Select(x => x.Id()).ToArray());
        var before = await (await _admin.GetAsync($"/api/meetings/{b.Meeting}")).Json(HttpStatusCode.OK);

        var refused = await (await _admin.PostJson($"/api/meetings/{b.Meeting}/poll/close", new { slotId = b.Slots[0] })).Problem(HttpStatusCode.Conflict);

        Assert.Contains("Shorten the agenda first", refused.Str("detail"), StringComparison.Ordinal);
        var after = await (await _admin.GetAsync($"/api/meetings/{b.Meeting}")).Json(HttpStatusCode.OK);
        Assert.Equal(before.Str("startsAt"), after.Str("startsAt"));
        Assert.Equal("open", (await (await _admin.GetAsync($"/api/meetings/{b.Meeting}/poll")).Json(HttpStatusCode.OK)).Str("status"));
    }

    [Fact]
    public async Task Closing_without_a_slot_just_ends_the_poll()
    {
        var a = await Open(app, _admin);
        var head = await HeadOf(a.Department);
        var before = await (await _admin.GetAsync($"/api/meetings/{a.Meeting}")).Json(HttpStatusCode.OK);

        var closed = await (await _admin.PostJson($"/api/meetings/{a.Meeting}/poll/close", new { })).Json(HttpStatusCode.OK);
        await app.DispatchAll();

        Assert.Equal("closed", closed.Str("status"));
        Assert.Empty(app.Mails(a.Meeting, "DateChosen"));
        var after = await (await _admin.GetAsync($"/api/meetings/{a.Meeting}")).Json(HttpStatusCode.OK);
        Assert.Equal(before.Str("startsAt"), after.Str("startsAt"));
        await (await _admin.PostJson($"/api/meetings/{a.Meeting}/poll/close", new { slotId = Guid.NewGuid() })).Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Changing_the_slots_keeps_unchanged_votes_and_mails_only_those_whose_votes_it_touched()
    {
        var a = await Open(app, _admin);
        var head = await HeadOf(a.Department);
        await app.DispatchAll();
        var headMail = app.Mails(a.Meeting, "DatePoll").Single(m => m.To() == head);
        await (await app.Anonymous().PutJson($"/api/poll/{PollToken(headMail)}", Votes(a, "yes", "maybe", "no"))).Json(HttpStatusCode.OK);

        var changed = await (await _admin.PutJson($"/api/meetings/{a.Meeting}/poll", Body(app.Clock.GetUtcNow(), a.Deadline, 20, 21, 25))).Json(HttpStatusCode.OK);
        await app.DispatchAll();

        var slots = changed.GetProperty("slots").EnumerateArray().ToList();
        Assert.Equal([a.Slots[0], a.Slots[1]], slots.Take(2).Select(s => s.Id()));
        Assert.NotEqual(a.Slots[2], slots[2].Id());
        Assert.Equal(1, slots[0].GetProperty("yes").GetInt32());
        Assert.Equal(1, slots[1].GetProperty("maybe").GetInt32());
        Assert.Equal(0, slots[2].GetProperty("no").GetInt32());
        var updates = app.Mails(a.Meeting, "DatePoll").Where(m => (m.Subject ?? string.Empty).StartsWith("Terminabstimmung geändert", StringComparison.Ordinal)).ToList();
        Assert.Equal([head], updates.Select(m => m.To()));
        Assert.Equal(PollToken(headMail), PollToken(updates[0]));
    }

    [Fact]
    public async Task The_nudge_goes_once_on_its_day_to_whoever_has_not_voted()
    {
        var a = await Open(app, _admin, deadlineDays: 6);
        var head = await HeadOf(a.Department);
        await app.DispatchAll();
        var headMail = app.Mails(a.Meeting, "DatePoll").Single(m => m.To() == head);
        await (await app.Anonymous().PutJson($"/api/poll/{PollToken(headMail)}", Votes(a, "yes", "yes", "yes"))).Json(HttpStatusCode.OK);

        app.Clock.SetUtcNow(a.Deadline.AddDays(-2).AddMinutes(-1));
        await app.DispatchAll();
        Assert.Empty(app.Mails(a.Meeting, "PollNudge"));

        app.Clock.SetUtcNow(a.Deadline.AddDays(-2));
        await app.DispatchAll();
        await app.DispatchAll();

        var nudges = app.Mails(a.Meeting, "PollNudge");
        Assert.Equal(a.Participants - 1, nudges.Count);
        Assert.DoesNotContain(nudges, m => m.To() == head);
        Assert.StartsWith("Erinnerung an die Terminabstimmung", nudges[0].Subject, StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.DispatchAll();
        Assert.Equal(a.Participants - 1, app.Mails(a.Meeting, "PollNudge").Count);
    }

    [Fact]
    public async Task A_head_passes_the_vote_to_the_deputy_who_votes_with_a_link_of_their_own()
    {
        var a = await Open(app, _admin);
        var head = await HeadOf(a.Department);
        await app.DispatchAll();
        var token = PollToken(app.Mails(a.Meeting, "DatePoll").Single(m => m.To() == head));

        var passed = await (await app.Anonymous().PutJson($"/api/poll/{token}", new { delegateToDeputy = true })).Json(HttpStatusCode.OK);
        await app.DispatchAll();

        Assert.False(passed.GetProperty("poll").GetProperty("ownVote").GetProperty("voted").GetBoolean());
        var deputy = head.Replace("leitung.", "vertretung.", StringComparison.Ordinal);
        var toDeputy = Assert.Single(app.Mails(a.Meeting, "DatePoll"), m => m.To() == deputy);
        var deputyToken = PollToken(toDeputy);
        Assert.NotEqual(token, deputyToken);
        Assert.Contains("in Vertretung von Leitung", toDeputy.TextBody!, StringComparison.Ordinal);
        var voted = await (await app.Anonymous().PutJson($"/api/poll/{deputyToken}", Votes(a, "no", "yes", "yes"))).Json(HttpStatusCode.OK);
        Assert.True(voted.GetProperty("forDelegate").GetBoolean());
        await (await app.Anonymous().PutJson($"/api/poll/{deputyToken}", new { delegateToDeputy = true })).Problem(HttpStatusCode.Forbidden);
        var result = await (await _admin.GetAsync($"/api/meetings/{a.Meeting}/poll")).Json(HttpStatusCode.OK);
        Assert.Contains($"Vertretung", result.GetProperty("slots")[0].GetProperty("noFrom")[0].GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_department_created_while_the_poll_is_open_is_asked_too_with_a_link_of_its_own()
    {
        var a = await Open(app, _admin);
        await app.DispatchAll();

        var late = await _admin.CreateDepartment();
        var head = await HeadOf(late);
        await app.DispatchAll();

        var toHead = Assert.Single(app.Mails(a.Meeting, "DatePoll"), m => m.To() == head);
        var token = PollToken(toHead);
        Assert.NotEmpty(token);
        var result = await (await _admin.GetAsync($"/api/meetings/{a.Meeting}/poll")).Json(HttpStatusCode.OK);
        Assert.Equal(a.Participants + 1, result.GetProperty("participants").GetInt32());
        await (await app.Anonymous().PutJson($"/api/poll/{token}", Votes(a, "yes", "no", "maybe"))).Json(HttpStatusCode.OK);

        await _admin.CreateDepartment(); // a second one later does not mail the first again
        await app.DispatchAll();
        Assert.Single(app.Mails(a.Meeting, "DatePoll"), m => m.To() == head);
    }

    [Fact]
    public async Task A_new_head_during_the_poll_gets_the_ballot_with_a_new_link_and_the_predecessors_link_is_404()
    {
        var a = await Open(app, _admin);
        var head = await HeadOf(a.Department);
        await app.DispatchAll();
        var oldToken = PollToken(app.Mails(a.Meeting, "DatePoll").Single(m => m.To() == head));
        await (await app.Anonymous().PutJson($"/api/poll/{oldToken}", Votes(a, "yes", "yes", "yes"))).Json(HttpStatusCode.OK);
        var department = await (await _admin.GetAsync($"/api/departments/{a.Department}")).Json(HttpStatusCode.OK);
        var newHead = "neu." + head;

        await (await _admin.PutJson($"/api/departments/{a.Department}", new
        {
            code = department.Str("code"), name = department.Str("name"),
            head = new { name = "Neue Leitung", email = newHead },
        })).Json(HttpStatusCode.OK);
        await app.DispatchAll();

        await (await app.Anonymous().GetAsync($"/api/poll/{oldToken}")).Problem(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/poll/{oldToken}")).StatusCode);
        var token = PollToken(Assert.Single(app.Mails(a.Meeting, "DatePoll"), m => m.To() == newHead));
        Assert.NotEqual(oldToken, token);
        var view = await (await app.Anonymous().GetAsync($"/api/poll/{token}")).Json(HttpStatusCode.OK);
        Assert.True(view.GetProperty("canVote").GetBoolean());
        Assert.False(view.GetProperty("poll").GetProperty("ownVote").GetProperty("voted").GetBoolean());
        await (await app.Anonymous().PutJson($"/api/poll/{token}", Votes(a, "no", "yes", "maybe"))).Json(HttpStatusCode.OK);
        var result = await (await _admin.GetAsync($"/api/meetings/{a.Meeting}/poll")).Json(HttpStatusCode.OK);
        Assert.Equal(a.Participants, result.GetProperty("participants").GetInt32());
        Assert.Equal(1, result.GetProperty("voted").GetInt32());
    }

    [Fact]
    public async Task A_deactivated_departments_ballot_is_withdrawn_its_link_404_and_it_is_not_nudged()
    {
        var a = await Open(app, _admin, deadlineDays: 6);
        var head = await HeadOf(a.Department);
        await app.DispatchAll();
        var token = PollToken(app.Mails(a.Meeting, "DatePoll").Single(m => m.To() == head));

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/departments/{a.Department}")).StatusCode);
        app.Clock.SetUtcNow(a.Deadline.AddDays(-2));
        await app.DispatchAll();
        await app.DispatchAll();

        await (await app.Anonymous().GetAsync($"/api/poll/{token}")).Problem(HttpStatusCode.NotFound);
        var result = await (await _admin.GetAsync($"/api/meetings/{a.Meeting}/poll")).Json(HttpStatusCode.OK);
        Assert.Equal(a.Participants - 1, result.GetProperty("participants").GetInt32());
        Assert.DoesNotContain(app.Mails(a.Meeting, "PollNudge"), m => m.To() == head);
    }
}
