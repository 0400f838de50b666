using System.Net;
using MediatR;
using Meetings.Api.Features.Answers;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meetings.Api.Tests.Answers;

public sealed class CalendarReplyTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private static readonly DateTimeOffset InAMonth = MeetingsApp.Start.AddDays(30);
    private readonly HttpClient _admin = app.Admin();

    private async Task<(string Meeting, System.Text.Json.JsonElement Invitation, string DepartmentId)> Invited()
    {
        var departmentId = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var invitation = (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == departmentId);
        return (meeting, invitation, departmentId);
    }

    [Theory]
    [InlineData("ACCEPTED", "accepted")]
    [InlineData("DECLINED", "declined")]
    [InlineData("TENTATIVE", "tentative")]
    public async Task A_reply_from_the_head_becomes_the_answer(string partStat, string status)
    {
        var (meeting, invitation, _) = await Invited();
        var head = invitation.GetProperty("recipient").Str("email");

        var answered = await (await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head.ToUpperInvariant(), partStat))).Json(HttpStatusCode.OK);

        Assert.Equal(status, answered.Str("status"));
        Assert.Equal("calendar", answered.GetProperty("history")[0].Str("via"));
    }

    [Fact]
    public async Task A_delegated_reply_names_the_deputy_from_the_directory_and_the_deputy_may_answer_later()
    {
        var (meeting, invitation, departmentId) = await Invited();
        var head = invitation.GetProperty("recipient").Str("email");
        var deputy = (await (await _admin.GetAsync($"/api/departments/{departmentId}")).Json(HttpStatusCode.OK)).GetProperty("deputy");

        var delegated = await (await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "DELEGATED", deputy.Str("email")))).Json(HttpStatusCode.OK);
        var fromDeputy = await (await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, deputy.Str("email"), "TENTATIVE"))).Json(HttpStatusCode.OK);

        Assert.Equal("delegated", delegated.Str("status"));
        Assert.Equal(deputy.Str("email"), delegated.GetProperty("delegate").Str("email"));
        Assert.Equal(deputy.Str("name"), delegated.GetProperty("delegate").Str("name"));
        Assert.Equal("tentative", fromDeputy.Str("status"));
    }

    [Fact]
    public async Task A_delegated_reply_to_someone_unknown_takes_the_name_from_CN()
    {
        var (meeting, invitation, _) = await Invited();
        var head = invitation.GetProperty("recipient").Str("email");

        var delegated = await (await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "DELEGATED", "vera.vertretung@augsburg.example", cn: "Vera Vertretung")))
            .Json(HttpStatusCode.OK);

        Assert.Equal("Vera Vertretung", delegated.GetProperty("delegate").Str("name"));
    }

    [Fact]
    public async Task A_reply_to_an_older_sequence_is_stale_and_changes_nothing()
    {
        var (meeting, invitation, _) = await Invited();
        await _admin.Action(meeting, "reschedule", new { startsAt = InAMonth.AddDays(1).ToString("O"), endsAt = InAMonth.AddDays(1).AddHours(2).ToString("O") });

        var stale = await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, invitation.GetProperty("recipient").Str("email"), "ACCEPTED"));

        await stale.Problem(HttpStatusCode.Conflict);
        Assert.Equal("pending", (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation.Id()).Str("status"));
    }

    [Fact]
    public async Task Replies_for_someone_not_invited_or_an_unknown_meeting_are_404s()
    {
        var (meeting, _, _) = await Invited();

        await (await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, "fremd@irgendwo.example", "ACCEPTED"))).Problem(HttpStatusCode.NotFound);
        await (await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(Guid.NewGuid().ToString()), 0, "a@b.example", "ACCEPTED"))).Problem(HttpStatusCode.NotFound);
        await (await _admin.SendReply(CalendarReplyData.Reply("some-other-uid@outlook.com", 0, "a@b.example", "ACCEPTED"))).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_department_key_may_relay_replies_only_for_its_own_department()
    {
        var (meeting, invitation, departmentId) = await Invited();
        var (_, own) = await _admin.CreateKey("department", departmentId: departmentId);
        var (_, other) = await _admin.CreateKey("department", departmentId: await _admin.CreateDepartment());
        var reply = CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, invitation.GetProperty("recipient").Str("email"), "ACCEPTED");

        await (await app.WithKey(other).SendReply(reply)).Problem(HttpStatusCode.NotFound);
        await (await app.WithKey(own).SendReply(reply)).Json(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("this is not a calendar")]
    [InlineData("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n")]
    public async Task Malformed_icalendar_is_a_400(string body)
    {
        var response = await _admin.SendReply(body);

        await response.Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_reply_with_a_NUL_character_is_a_400_and_changes_nothing()
    {
        var (meeting, invitation, _) = await Invited();
        var reply = CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, invitation.GetProperty("recipient").Str("email"), "DELEGATED", "vera@augsburg.example", cn: "Vera\u0000Vertretung");

        var response = await _admin.SendReply(reply);

        await response.Problem(HttpStatusCode.BadRequest);
        var after = (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation.Id());
        Assert.Equal("pending", after.Str("status"));
    }

    [Fact]
    public async Task A_request_instead_of_a_reply_two_attendees_or_an_unknown_partstat_are_400s()
    {
        var (meeting, invitation, _) = await Invited();
        var head = invitation.GetProperty("recipient").Str("email");
        var twoAttendees = CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "ACCEPTED")
            .Replace("END:VEVENT", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:zweite@augsburg.example\r\nEND:VEVENT", StringComparison.Ordinal);

        await (await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "ACCEPTED", method: "REQUEST"))).Problem(HttpStatusCode.BadRequest);
        await (await _admin.SendReply(twoAttendees)).Problem(HttpStatusCode.BadRequest);
        await (await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "NEEDS-ACTION"))).Problem(HttpStatusCode.BadRequest);
        await (await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "DELEGATED"))).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_reply_sent_as_json_is_a_415()
    {
        var response = await _admin.PostRaw("/api/calendar/replies", "{}");

        await response.Problem(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task The_same_Idempotency_Key_replays_the_first_answer_and_another_body_is_refused()
    {
        var (meeting, invitation, _) = await Invited();
        var head = invitation.GetProperty("recipient").Str("email");
        var reply = CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "ACCEPTED");

        var first = await _admin.SendReply(reply, "reply-1");
        var again = await _admin.SendReply(reply, "reply-1");
        var different = await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "DECLINED"), "reply-1");

        var firstBody = await first.Json(HttpStatusCode.OK);
        var againBody = await again.Json(HttpStatusCode.OK);
        Assert.Equal(firstBody.ToString(), againBody.ToString());
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        await different.Problem(HttpStatusCode.UnprocessableEntity);
        var stored = (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation.Id());
        Assert.Equal("accepted", stored.Str("status"));
        Assert.Single(stored.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task A_reply_read_by_a_background_service_is_recorded_under_its_own_actor_without_an_HTTP_request()
    {
        var (meeting, invitation, _) = await Invited();
        var head = invitation.GetProperty("recipient").Str("email");

        // As a mailbox reader would: a scope of its own, the use case's request, no HTTP context and no key.
        await using var scope = app.Services.CreateAsyncScope();
        var answered = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new AnswerByCalendarReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "TENTATIVE"), Answerer.Service("mailbox")));

        Assert.Equal(Domain.Meetings.AnswerStatus.Tentative, answered.Status);
        var entry = Assert.Single(answered.History);
        Assert.Equal((Domain.Meetings.AnswerChannel.Calendar, $"mailbox for {head}"), (entry.Via, entry.Actor));
        var id = Guid.Parse(invitation.Id());
        var audit = await app.Db(db => db.Set<AuditEntry>().AsNoTracking().Where(a => a.ResourceId == id).ToListAsync());
        var row = Assert.Single(audit);
        Assert.Equal((AuditActorKind.Calendar, "mailbox", id, "AnswerByCalendarReply"), (row.ActorKind, row.ActorName, row.InvitationId, row.Operation));
    }
}
