using System.Net;
using System.Text.RegularExpressions;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Domain.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Tests.Answers;

/// <summary>
/// An answer costs the same on the first day and after years of answers: whichever way it comes in, every statement it
/// runs finds its rows by key — the invitation's own history, deliveries and audit rows, never a whole table (asked of
/// the database itself: <see cref="QueryPlans"/>), in a database that holds long histories of other invitations.
/// </summary>
public sealed partial class AnswerQueryPlanTests(SqlCapturingApp app) : IClassFixture<SqlCapturingApp>
{
    /// <summary>The tables that grow with the life of an installation.</summary>
    private static readonly string[] Growing = ["InvitationHistory", "Deliveries", "AuditLog", "Invitations", "Meetings"];

    private static readonly DateTimeOffset InAMonth = MeetingsApp.Start.AddDays(30);
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task An_answer_by_key_link_page_or_calendar_reply_reads_no_whole_table_however_long_the_others_histories()
    {
        var department = await _admin.CreateDepartment();
        var series = await _admin.CreateSeries();
        await LongHistories(await _admin.CreatePublished(series, InAMonth), entriesEach: 2000);
        var meeting = await _admin.CreatePublished(series, InAMonth.AddDays(7));
        var (_, key) = await _admin.CreateKey("department", departmentId: department);
        var portal = app.WithKey(key);
        var (meetingId, departmentId) = (Guid.Parse(meeting), Guid.Parse(department));
        var invited = await app.Db(db => db.Invitations.AsNoTracking().Where(i => i.MeetingId == meetingId && i.DepartmentId == departmentId)
            .Select(i => new { i.Id, i.Token, i.Recipient.Email }).SingleAsync());
        var (invitation, token, head) = (invited.Id, invited.Token, invited.Email);
        var browser = app.Anonymous();
        var form = FormToken().Match(await browser.GetStringAsync($"/rsvp/{token}")).Groups[1].Value;

        app.Sql.Start();
        await (await portal.Answer(meeting, $"{invitation}", new { status = "accepted" })).Json(HttpStatusCode.OK);
        await (await portal.Answer(meeting, $"{invitation}", new
        {
            status = "delegated", @delegate = new { name = "Vertretung", email = head.Replace("leitung.", "vertretung.", StringComparison.Ordinal) },
        })).Json(HttpStatusCode.OK);
        await (await _admin.Answer(meeting, $"{invitation}", new { status = "tentative" })).Json(HttpStatusCode.OK);
        await (await app.Anonymous().PutJson($"/api/rsvp/{token}", new { status = "declined" })).Json(HttpStatusCode.OK);
        foreach (var choice in new[] { "deputy", "accepted" })
        {
            var posted = await browser.PostAsync(new Uri($"/rsvp/{token}", UriKind.Relative), new FormUrlEncodedContent(
                [new KeyValuePair<string, string>("Form.Choice", choice), new KeyValuePair<string, string>("__RequestVerificationToken", form)]));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode); // the page again, after the 303
        }

        await (await portal.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "DECLINED"))).Json(HttpStatusCode.OK);
        app.Sql.Stop();

        var answered = await app.Db(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitation));
        Assert.Equal((AnswerStatus.Declined, 7), (answered.Status, answered.HistoryTotal)); // each of the seven was stored
        var wholeTables = await QueryPlans.WholeTableReads(app.Database, app.Sql.Commands, Growing);
        Assert.NotEmpty(app.Sql.Commands);
        Assert.True(wholeTables.Count == 0, "Statements of answers that read whole tables:\n\n" + string.Join("\n\n", wholeTables));
    }

    [Fact]
    public async Task A_page_of_invitations_reads_only_their_own_latest_history()
    {
        await _admin.CreateDepartment();
        var series = await _admin.CreateSeries();
        var meeting = await _admin.CreatePublished(series, InAMonth);
        await LongHistories(meeting, entriesEach: 30);
        await LongHistories(await _admin.CreatePublished(series, InAMonth.AddDays(7)), entriesEach: 500);

        app.Sql.Start();
        var invitations = await _admin.Invitations(meeting);
        app.Sql.Stop();

        Assert.All(invitations, i => Assert.Equal(Invitation.HistoryShown, i.GetProperty("history").GetArrayLength()));
        var wholeTables = await QueryPlans.WholeTableReads(app.Database, app.Sql.Commands, ["InvitationHistory"]);
        Assert.True(wholeTables.Count == 0, "Statements that read whole tables:\n\n" + string.Join("\n\n", wholeTables));
    }

    /// <summary>
    /// Every invitation of <paramref name="meeting"/> answered <paramref name="entriesEach"/> times: history rows written
    /// straight into the database (copies of a real one), as an installation collects them over the years.
    /// </summary>
    private async Task LongHistories(string meeting, int entriesEach)
    {
        var invitation = (await _admin.Invitations(meeting))[0].Id();
        await (await _admin.Answer(meeting, invitation, new { status = "accepted" })).Json(HttpStatusCode.OK);
        await app.Db(async db =>
        {
            var template = await db.Set<AnswerHistoryEntry>().MaxAsync(h => h.Id);
            return await db.Database.ExecuteSqlAsync($"""
                WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {entriesEach})
                INSERT INTO "InvitationHistory" ("InvitationId", "Status", "At", "Via", "Actor", "Note")
                SELECT i."Id", t."Status", t."At", t."Via", t."Actor", t."Note"
                FROM "InvitationHistory" AS t
                JOIN "Invitations" AS o ON o."Id" = t."InvitationId"
                JOIN "Invitations" AS i ON i."MeetingId" = o."MeetingId"
                CROSS JOIN n
                WHERE t."Id" = {template}
                """);
        });
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
