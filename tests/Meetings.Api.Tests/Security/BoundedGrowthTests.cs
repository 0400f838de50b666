using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Infrastructure.Idempotency;
using Meetings.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meetings.Api.Tests.Security;

/// <summary>
/// Finding 5 of the security review: no response grows with the answers ever given, and nothing kept for retries
/// stays for good.
/// </summary>
public sealed class BoundedGrowthTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private async Task<(string Meeting, JsonElement Invitation, string DepartmentId)> Invited()
    {
        var departmentId = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30));
        var invitation = (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == departmentId);
        return (meeting, invitation, departmentId);
    }

    /// <summary>Answers alternately accepted and declined, <paramref name="count"/> times; returns the last response.</summary>
    private async Task<JsonElement> Toggle(string meeting, string invitation, int count)
    {
        JsonElement last = default;
        for (var i = 0; i < count; i++)
        {
            last = await (await _admin.Answer(meeting, invitation, new { status = i % 2 == 0 ? "accepted" : "declined", comment = $"Antwort {i + 1}" }))
                .Json(HttpStatusCode.OK);
        }

        return last;
    }

    [Fact]
    public async Task An_answer_carries_the_last_20_history_entries_and_counts_them_all()
    {
        var (meeting, invitation, _) = await Invited();

        var last = await Toggle(meeting, invitation.Id(), 25);
        var listed = (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation.Id());

        foreach (var shown in new[] { last, listed })
        {
            var history = shown.GetProperty("history").EnumerateArray().ToArray();
            Assert.Equal(20, history.Length);
            Assert.Equal(25, shown.GetProperty("historyTotal").GetInt32());
            Assert.Equal("accepted", history[^1].Str("status")); // the 25th answer, newest last
            Assert.Equal("declined", history[0].Str("status")); // the 6th
        }
    }

    [Fact]
    public async Task The_whole_history_is_paged_oldest_first_and_a_department_key_reads_only_its_own()
    {
        var (meeting, invitation, departmentId) = await Invited();
        await Toggle(meeting, invitation.Id(), 25);
        var (_, own) = await _admin.CreateKey("department", departmentId: departmentId);
        var (_, other) = await _admin.CreateKey("department", departmentId: await _admin.CreateDepartment());
        var url = $"/api/meetings/{meeting}/invitations/{invitation.Id()}/history";

        var first = await (await _admin.GetAsync($"{url}?take=10")).Json(HttpStatusCode.OK);
        var rest = await (await app.WithKey(own).GetAsync($"{url}?skip=20&take=10")).Json(HttpStatusCode.OK);

        Assert.Equal(25, first.GetProperty("total").GetInt32());
        Assert.Equal(10, first.GetProperty("items").GetArrayLength());
        Assert.Equal("accepted", first.GetProperty("items")[0].Str("status"));
        Assert.Equal(5, rest.GetProperty("items").GetArrayLength());
        await (await app.WithKey(other).GetAsync(url)).Problem(HttpStatusCode.NotFound);
        await (await _admin.GetAsync($"{url}?take=201")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_invitation_list_is_paged()
    {
        var (meeting, _, _) = await Invited();
        var all = await _admin.Invitations(meeting);

        var page = await (await _admin.GetAsync($"/api/meetings/{meeting}/invitations?skip=1&take=1")).Json(HttpStatusCode.OK);

        Assert.Equal(all.Length, page.GetProperty("total").GetInt32());
        Assert.Equal([all[1].Id()], page.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToArray());
    }

    [Fact]
    public async Task An_Idempotency_Key_is_forgotten_after_24_hours()
    {
        var (meeting, invitation, _) = await Invited();
        var head = invitation.GetProperty("recipient").Str("email");
        await (await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "ACCEPTED"), "reply-kept-a-day")).Json(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromHours(23));
        var withinADay = await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "DECLINED"), "reply-kept-a-day");

        app.Clock.Advance(TimeSpan.FromHours(2));
        var afterADay = await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "DECLINED"), "reply-kept-a-day");

        await withinADay.Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("declined", (await afterADay.Json(HttpStatusCode.OK)).Str("status"));
        Assert.False(afterADay.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task The_purge_job_removes_the_idempotency_records_older_than_24_hours()
    {
        var (meeting, invitation, _) = await Invited();
        var head = invitation.GetProperty("recipient").Str("email");
        var prefix = $"purge-{Guid.NewGuid():N}-";
        await (await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "ACCEPTED"), prefix + "old")).Json(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromHours(25));
        await (await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "DECLINED"), prefix + "new")).Json(HttpStatusCode.OK);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MaintenanceJobs>().PurgeIdempotencyRecords();
        }

        var kept = await app.Db(db => db.IdempotencyRecords.Where(r => r.Key.StartsWith(prefix)).Select(r => r.Key).ToListAsync());
        Assert.Equal([prefix + "new"], kept);
    }

    [Fact]
    public async Task A_first_answer_over_64_KiB_is_not_kept_and_a_retry_is_told_so_and_not_run_again()
    {
        var (meeting, invitation, _) = await Invited();
        var body = CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, invitation.GetProperty("recipient").Str("email"), "ACCEPTED");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        var store = app.Services.GetRequiredService<IdempotencyStore>();
        var (claim, _) = await store.ClaimAsync("bootstrap admin POST /api/calendar/replies", "big-answer", hash, app.Clock.GetUtcNow(), CancellationToken.None);
        await store.KeepAsync(claim, 200, "application/json", new byte[IdempotencyStore.MaxBodyBytes + 1], null);

        var retry = await _admin.SendReply(body, "big-answer");

        var problem = await retry.Problem(HttpStatusCode.Conflict);
        Assert.Contains("status 200", problem.Str("detail"), StringComparison.Ordinal);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        var stored = await app.Db(db => db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Id == claim.Id));
        Assert.Null(stored.Body);
        Assert.Equal("pending", (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation.Id()).Str("status")); // the reply did not run again
    }
}
