using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Domain.Topics;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Tests.Topics;

public sealed class TopicsTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private DateTimeOffset InAMonth => app.Clock.GetUtcNow().AddDays(30);

    private async Task<string> PublishedWithCall()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        await _admin.OpenCall(meeting, InAMonth.AddDays(-7));
        return meeting;
    }

    [Fact]
    public async Task The_call_takes_a_deadline_before_the_start_and_only_the_office_opens_it()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var (_, department) = await app.Department(_admin);

        var late = await _admin.PutJson($"/api/meetings/{meeting}/topic-call", new { deadline = InAMonth.AddHours(1) });
        var past = await _admin.PutJson($"/api/meetings/{meeting}/topic-call", new { deadline = app.Clock.GetUtcNow().AddHours(-1) });
        var byDepartment = await department.PutJson($"/api/meetings/{meeting}/topic-call", new { deadline = InAMonth.AddDays(-7) });
        var call = await _admin.OpenCall(meeting, InAMonth.AddDays(-7), "Bitte Projekte mit Entscheidungsbedarf");

        Assert.True((await late.ValidationErrors()).TryGetProperty("deadline", out _));
        Assert.True((await past.ValidationErrors()).TryGetProperty("deadline", out _));
        await byDepartment.Problem(HttpStatusCode.Forbidden);
        Assert.True(call.GetProperty("open").GetBoolean());
        Assert.Equal("Bitte Projekte mit Entscheidungsbedarf", call.Str("note"));
        Assert.True((await (await department.GetAsync($"/api/meetings/{meeting}/topic-call")).Json(HttpStatusCode.OK)).GetProperty("open").GetBoolean());
    }

    [Fact]
    public async Task A_department_key_proposes_for_its_own_department_whatever_the_body_says()
    {
        var meeting = await PublishedWithCall();
        var (own, department) = await app.Department(_admin);
        var other = await _admin.CreateDepartment();

        var topic = await department.Proposed(meeting, TopicData.Topic(departmentId: other));

        Assert.Equal((own, "proposed", 20, true), (topic.Str("departmentId"), topic.Str("status"), topic.GetProperty("requestedMinutes").GetInt32(), topic.GetProperty("decisionNeeded").GetBoolean()));
        Assert.StartsWith("Leitung ", topic.GetProperty("presenter").Str("name"), StringComparison.Ordinal); // the head, by default
        Assert.Equal("Stand nach drei Monaten.\nWir suchen zwei Ämter für die nächste Stufe.", topic.Str("description"));
    }

    [Fact]
    public async Task A_department_sees_only_its_own_topics_and_another_departments_topic_is_a_404_for_get_put_and_delete()
    {
        var meeting = await PublishedWithCall();
        var (_, ours) = await app.Department(_admin);
        var (theirsDepartment, theirs) = await app.Department(_admin);
        var own = (await ours.Proposed(meeting, TopicData.Topic("Unser Thema"))).Id();
        var foreign = (await theirs.Proposed(meeting, TopicData.Topic("Deren Thema"))).Id();
        var byOffice = (await _admin.Proposed(meeting, TopicData.Topic("Vom Büro", departmentId: theirsDepartment))).Id();

        var list = await (await ours.GetAsync($"/api/meetings/{meeting}/topics")).Json(HttpStatusCode.OK);

        Assert.Equal([own], list.Ids());
        await (await ours.GetAsync($"/api/meetings/{meeting}/topics/{foreign}")).Problem(HttpStatusCode.NotFound);
        await (await ours.PutJson($"/api/meetings/{meeting}/topics/{foreign}", TopicData.Topic())).Problem(HttpStatusCode.NotFound);
        await (await ours.DeleteAsync($"/api/meetings/{meeting}/topics/{foreign}")).Problem(HttpStatusCode.NotFound);
        await (await ours.PostAsync($"/api/meetings/{meeting}/topics/{own}/accept", null)).Problem(HttpStatusCode.Forbidden);
        var all = await (await _admin.GetAsync($"/api/meetings/{meeting}/topics")).Json(HttpStatusCode.OK);
        Assert.Equal([own, foreign, byOffice], all.Ids());
        var partner = app.WithKey((await _admin.CreateKey("partner", cityId: await _admin.CreatePartnerCity())).Key);
        await (await partner.GetAsync($"/api/meetings/{meeting}/topics")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_office_proposes_for_a_department_it_names()
    {
        var meeting = await PublishedWithCall();

        var missing = await _admin.PostJson($"/api/meetings/{meeting}/topics", TopicData.Topic());
        var unknown = await _admin.PostJson($"/api/meetings/{meeting}/topics", TopicData.Topic(departmentId: Guid.NewGuid().ToString()));

        Assert.True((await missing.ValidationErrors()).TryGetProperty("departmentId", out _));
        Assert.True((await unknown.ValidationErrors()).TryGetProperty("departmentId", out _));
    }

    [Fact]
    public async Task Proposals_are_refused_after_the_deadline_and_after_the_call_was_closed()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var (_, department) = await app.Department(_admin);
        await (await department.PostJson($"/api/meetings/{meeting}/topics", TopicData.Topic())).Problem(HttpStatusCode.Conflict); // no call yet
        await _admin.OpenCall(meeting, app.Clock.GetUtcNow().AddDays(1));
        var topic = await department.Proposed(meeting, TopicData.Topic());

        app.Clock.Advance(TimeSpan.FromDays(1));
        var afterDeadline = await department.PostJson($"/api/meetings/{meeting}/topics", TopicData.Topic());
        await _admin.OpenCall(meeting, app.Clock.GetUtcNow().AddDays(2)); // opened again
        await department.Proposed(meeting, TopicData.Topic());
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/meetings/{meeting}/topic-call")).StatusCode);
        var afterClosing = await department.PostJson($"/api/meetings/{meeting}/topics", TopicData.Topic());

        Assert.Contains("deadline", (await afterDeadline.Problem(HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
        Assert.Contains("closed", (await afterClosing.Problem(HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
        await (await _admin.DeleteAsync($"/api/meetings/{meeting}/topic-call")).Problem(HttpStatusCode.Conflict);
        Assert.False((await (await _admin.GetAsync($"/api/meetings/{meeting}/topic-call")).Json(HttpStatusCode.OK)).GetProperty("open").GetBoolean());
        await (await _admin.PostJson($"/api/meetings/{meeting}/topics/{topic.Id()}/accept", new { })).Json(HttpStatusCode.OK); // the office still decides
    }

    [Fact]
    public async Task At_most_five_proposed_or_accepted_topics_per_department_and_meeting()
    {
        var meeting = await PublishedWithCall();
        var (_, department) = await app.Department(_admin);
        var topics = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            topics.Add((await department.Proposed(meeting, TopicData.Topic($"Thema {i}", minutes: 5))).Id());
        }

        var sixth = await department.PostJson($"/api/meetings/{meeting}/topics", TopicData.Topic("Thema 6"));
        await (await _admin.PostJson($"/api/meetings/{meeting}/topics/{topics[0]}/accept", new { })).Json(HttpStatusCode.OK);
        var stillSixth = await department.PostJson($"/api/meetings/{meeting}/topics", TopicData.Topic("Thema 6"));
        Assert.Equal(HttpStatusCode.NoContent, (await department.DeleteAsync($"/api/meetings/{meeting}/topics/{topics[1]}")).StatusCode);

        Assert.Contains("at most 5", (await sixth.Problem(HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
        await stillSixth.Problem(HttpStatusCode.Conflict); // an accepted topic still counts
        await department.Proposed(meeting, TopicData.Topic("Thema 6")); // a withdrawn one does not
    }

    [Fact]
    public async Task The_proposer_edits_and_withdraws_only_while_proposed_and_a_stale_If_Match_is_a_412()
    {
        var meeting = await PublishedWithCall();
        var (_, department) = await app.Department(_admin);
        var topic = await department.Proposed(meeting, TopicData.Topic());
        var url = $"/api/meetings/{meeting}/topics/{topic.Id()}";

        var edited = await (await department.PutJson(url, TopicData.Topic("Neuer Titel", 30, presenter: new { name = "Jana Roth", email = "jana.roth@augsburg.example" }), "\"1\"")).Json(HttpStatusCode.OK);
        var stale = await department.PutJson(url, TopicData.Topic("Noch einer"), "\"1\"");
        var invalid = await department.PutJson(url, TopicData.Topic("Zu lang", 121));
        await (await _admin.PostJson($"{url}/decline", new { reason = "Passt ins Frühjahr" })).Json(HttpStatusCode.OK);
        var afterDecision = await department.PutJson(url, TopicData.Topic());

        Assert.Equal(("Neuer Titel", 30, "Jana Roth"), (edited.Str("title"), edited.GetProperty("requestedMinutes").GetInt32(), edited.GetProperty("presenter").Str("name")));
        await stale.Problem(HttpStatusCode.PreconditionFailed);
        Assert.True((await invalid.ValidationErrors()).TryGetProperty("requestedMinutes", out _));
        await afterDecision.Problem(HttpStatusCode.Conflict);
        await (await department.DeleteAsync(url)).Problem(HttpStatusCode.Conflict);
        var declined = await (await department.GetAsync(url)).Json(HttpStatusCode.OK);
        Assert.Equal(("declined", "Passt ins Frühjahr"), (declined.Str("status"), declined.Str("decisionReason")));
    }

    [Fact]
    public async Task Accepting_adds_a_discussion_presented_by_the_department_within_the_meetings_time()
    {
        var meeting = await PublishedWithCall();
        var (departmentId, department) = await app.Department(_admin);
        var first = (await department.Proposed(meeting, TopicData.Topic("Erstes", 120))).Id();
        var second = (await department.Proposed(meeting, TopicData.Topic("Zweites", 90))).Id();

        var accepted = await (await _admin.PostJson($"/api/meetings/{meeting}/topics/{first}/accept", new { durationMinutes = 100 })).Json(HttpStatusCode.OK);
        var tooLong = await (await _admin.PostJson($"/api/meetings/{meeting}/topics/{second}/accept", new { })).Problem(HttpStatusCode.Conflict);
        var fitting = await (await _admin.PostJson($"/api/meetings/{meeting}/topics/{second}/accept", new { durationMinutes = 80, position = 1 })).Json(HttpStatusCode.OK);

        Assert.Contains("10 minutes past", tooLong.Str("detail"), StringComparison.Ordinal); // 100 + 90 of 180
        var agenda = await (await _admin.GetAsync($"/api/meetings/{meeting}/agenda")).Json(HttpStatusCode.OK);
        var items = agenda.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal([fitting.Str("agendaItemId"), accepted.Str("agendaItemId")], items.Select(i => i.Id()).ToArray());
        Assert.Equal(("Zweites", 80, "discussion"), (items[0].Str("title"), items[0].GetProperty("durationMinutes").GetInt32(), items[0].Str("kind")));
        Assert.Equal(("department", departmentId), (items[1].GetProperty("presenter").Str("kind"), items[1].GetProperty("presenter").Str("refId")));
        Assert.Equal(InAMonth.AddMinutes(80).UtcDateTime, items[1].GetProperty("startsAt").GetDateTimeOffset().UtcDateTime, TimeSpan.FromMinutes(1));
        Assert.Equal(0, agenda.GetProperty("remainingMinutes").GetInt32());
        var accepted2 = await (await _admin.GetAsync($"/api/meetings/{meeting}/topics?status=accepted")).Json(HttpStatusCode.OK);
        Assert.Equal(2, accepted2.GetProperty("total").GetInt32());
        Assert.True((await (await _admin.GetAsync($"/api/meetings/{meeting}/topics?status=maybe")).ValidationErrors()).TryGetProperty("status", out _));
    }

    [Fact]
    public async Task The_office_withdraws_an_accepted_topic_and_its_agenda_item_goes()
    {
        var meeting = await PublishedWithCall();
        var (_, department) = await app.Department(_admin);
        var topic = (await department.Proposed(meeting, TopicData.Topic())).Id();
        await (await _admin.PostJson($"/api/meetings/{meeting}/topics/{topic}/accept", new { })).Json(HttpStatusCode.OK);

        await (await department.DeleteAsync($"/api/meetings/{meeting}/topics/{topic}")).Problem(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/meetings/{meeting}/topics/{topic}")).StatusCode);

        var agenda = await (await _admin.GetAsync($"/api/meetings/{meeting}/agenda")).Json(HttpStatusCode.OK);
        Assert.Empty(agenda.GetProperty("items").EnumerateArray());
        var withdrawn = await (await department.GetAsync($"/api/meetings/{meeting}/topics/{topic}")).Json(HttpStatusCode.OK);
        Assert.Equal("withdrawn", withdrawn.Str("status"));
        Assert.False(withdrawn.TryGetProperty("agendaItemId", out _));
    }

    [Fact]
    public async Task The_head_proposes_through_the_invitation_link_and_a_delegates_or_unknown_link_is_a_404()
    {
        var (departmentId, _) = await app.Department(_admin);
        var meeting = await PublishedWithCall();
        var link = await app.HeadLink(meeting, departmentId);
        var anonymous = app.Anonymous();

        var topic = await (await anonymous.PostJson($"/api/rsvp/{link}/topics", TopicData.Topic(departmentId: Guid.NewGuid().ToString()))).Json(HttpStatusCode.Created);
        var view = await (await anonymous.GetAsync($"/api/rsvp/{link}/topics")).Json(HttpStatusCode.OK);

        Assert.Equal(departmentId, topic.Str("departmentId"));
        Assert.Equal([topic.Id()], view.Ids());
        Assert.True(view.GetProperty("canPropose").GetBoolean());
        Assert.True(view.GetProperty("call").GetProperty("open").GetBoolean());
        await (await anonymous.GetAsync($"/api/rsvp/{new string('x', 43)}/topics")).Problem(HttpStatusCode.NotFound);
        var invitation = (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == departmentId);
        await (await _admin.PutJson($"/api/meetings/{meeting}/invitations/{invitation.Id()}/response",
            new { status = "delegated", @delegate = new { name = "Vertretung", email = $"vertretung.{Guid.NewGuid():N}@augsburg.example" } })).Json(HttpStatusCode.OK);
        var delegateLink = await app.DelegateToken(invitation.Id());
        await (await anonymous.GetAsync($"/api/rsvp/{delegateLink}/topics")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_draft_has_a_link_of_its_own_for_the_call_which_a_new_head_ends_and_the_department_key_reaches_it()
    {
        var (departmentId, department) = await app.Department(_admin);
        var draft = (await _admin.CreateDraft(await _admin.CreateSeries(), InAMonth)).Id();
        await (await department.GetAsync($"/api/meetings/{draft}/topics")).Problem(HttpStatusCode.NotFound); // a draft is the office's
        await _admin.OpenCall(draft, InAMonth.AddDays(-7));
        var link = await app.CallLink(draft, departmentId);
        var anonymous = app.Anonymous();

        await (await anonymous.PostJson($"/api/rsvp/{link}/topics", TopicData.Topic())).Json(HttpStatusCode.Created);
        await department.Proposed(draft, TopicData.Topic("Per Schlüssel"));
        await (await _admin.PutJson($"/api/departments/{departmentId}", new
        {
            code = DirectoryData.Unique("N").ToUpperInvariant(), name = "Amt neu",
            head = new { name = "Neue Leitung", email = $"neu.{Guid.NewGuid():N}@augsburg.example" },
        })).Json(HttpStatusCode.OK);

        await (await anonymous.GetAsync($"/api/rsvp/{link}/topics")).Problem(HttpStatusCode.NotFound);
        Assert.Equal(2, (await (await department.GetAsync($"/api/meetings/{draft}/topics")).Json(HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Proposals_of_one_department_at_the_same_moment_do_not_pass_the_limit()
    {
        var meeting = await PublishedWithCall();
        var (departmentId, department) = await app.Department(_admin);

        var answers = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => department.PostJson($"/api/meetings/{meeting}/topics", TopicData.Topic($"Thema {i}"))));

        Assert.Equal(Topic.MaxActivePerDepartment, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        var (meetingId, ownId) = (Guid.Parse(meeting), Guid.Parse(departmentId));
        var slots = await app.Db(db => db.Topics.Where(t => t.MeetingId == meetingId && t.DepartmentId == ownId).Select(t => t.Slot).ToListAsync());
        Assert.Equal(new int?[] { 1, 2, 3, 4, 5 }, slots.Order().ToArray());
    }

    [Fact]
    public async Task Every_write_is_in_the_audit_log()
    {
        var meeting = await PublishedWithCall();
        var (_, department) = await app.Department(_admin);
        var topic = (await department.Proposed(meeting, TopicData.Topic())).Id();
        await (await _admin.PostJson($"/api/meetings/{meeting}/topics/{topic}/decline", new { reason = "Nein" })).Json(HttpStatusCode.OK);

        var entries = await (await _admin.GetAsync($"/api/audit?resourceType=topic&resourceId={topic}")).Json(HttpStatusCode.OK);

        Assert.Equal(["DeclineTopic", "ProposeTopic"], entries.GetProperty("items").EnumerateArray().Select(e => e.Str("operation")).Order().ToArray());
        var calls = await (await _admin.GetAsync("/api/audit?resourceType=topic-call&take=200")).Json(HttpStatusCode.OK);
        Assert.Contains(calls.GetProperty("items").EnumerateArray(), e => e.Str("operation") == "OpenTopicCall");
    }
}
