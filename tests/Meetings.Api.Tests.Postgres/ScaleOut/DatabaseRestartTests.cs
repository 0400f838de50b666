using System.Diagnostics;
using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Tests.ScaleOut;

/// <summary>PostgreSQL restarted under a running service (a server of its own: the others' stays up).</summary>
public sealed class DatabaseRestartTests
{
    [Fact]
    public async Task While_the_database_is_down_requests_get_503s_at_once_and_afterwards_all_works_and_queued_mail_goes_once()
    {
        using var server = PostgresServer.StartNew();
        using var database = PostgresTestDatabase.Create(server);
        await using var smtp = new SmtpSink();
        using var app = new InstanceApp(database, smtp.Port);
        var admin = app.Admin();
        var department = await admin.CreateDepartment();
        var meeting = await admin.CreatePublished(await admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30));
        var head = (await admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department)
            .GetProperty("recipient").Str("email");

        server.Stop();
        var watch = Stopwatch.StartNew();
        var read = await admin.GetAsync($"/api/meetings/{meeting}");
        var write = await admin.PostJson("/api/cities", new { name = DirectoryData.Unique("Stadt "), kind = "partner", contactEmail = "k@partner.example" });
        var ready = await app.Anonymous().GetAsync("/health/ready");
        var dispatch = await Record.ExceptionAsync(app.Dispatch);
        watch.Stop();
        server.Start();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        foreach (var response in new[] { read, write })
        {
            var problem = await response.Problem(HttpStatusCode.ServiceUnavailable);
            Assert.Contains("database", problem.Str("detail"), StringComparison.OrdinalIgnoreCase);
            Assert.NotNull(response.Headers.RetryAfter);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("\"unhealthy\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(dispatch);
        Assert.True(DatabaseFailure.IsTransient(dispatch), dispatch.ToString());

        await (await admin.GetAsync($"/api/meetings/{meeting}")).Json(HttpStatusCode.OK);
        await (await app.Anonymous().GetAsync("/health/ready")).Json(HttpStatusCode.OK);
        await admin.CreatePartnerCity();
        await app.Dispatch();
        await app.Dispatch();
        Assert.Single(smtp.To(head, meeting)); // the invitation queued before the stop: delivered, once
        Assert.DoesNotContain(app.Errors.All, e => e.Contains("Unhandled exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restarted_in_the_middle_of_a_batch_every_mail_goes_out_within_a_minute_and_only_those_in_flight_twice()
    {
        using var server = PostgresServer.StartNew();
        using var database = PostgresTestDatabase.Create(server);
        await using var smtp = new SmtpSink();
        await using var app = OnTimeApp.OnDatabase(database, smtp.Port);
        var admin = app.Admin();
        for (var n = 0; n < 40; n++)
        {
            await admin.CreateDepartment();
        }

        var meeting = (await admin.CreateDraft(await admin.CreateSeries(), DateTimeOffset.UtcNow.AddDays(30))).Id();
        long marked = 0;
        smtp.After(10, () =>
        {
            marked = database.Count(Sent);
            server.Stop(); // while the server accepts the tenth mail: the dispatcher hears the answer with the database gone
        });
        await OnTimeApp.JustAfterAPoll();
        await (await admin.PostAsync($"/api/meetings/{meeting}/publish", null)).Json(HttpStatusCode.OK);
        var invitees = (await admin.Invitations(meeting)).Length;
        await Until(() => smtp.Received.Count >= 10, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2)); // down for a while; the dispatcher finds out and stops
        var inFlight = smtp.Received.Count - marked;
        server.Start();
        var back = DateTimeOffset.UtcNow;
        await Until(() => Recipients(smtp, meeting) == invitees, TimeSpan.FromSeconds(75));
        await Task.Delay(TimeSpan.FromSeconds(1)); // a mail sent twice would arrive now

        Assert.Equal(invitees, Recipients(smtp, meeting));
        var twice = smtp.Received.Count(m => m.Headers["X-Meetings-Meeting"] == meeting) - invitees;
        Assert.True(twice <= inFlight, $"{twice} mails went twice, {inFlight} were in flight at the fault");
        var recovered = smtp.Received.Max(smtp.ArrivalOf) - back;
        Assert.True(recovered < TimeSpan.FromSeconds(60), $"the last mail went out {recovered.TotalSeconds:F1} s after the database was back");
    }

    [Fact]
    public async Task A_dispatcher_whose_connections_are_killed_after_its_claim_gives_the_rows_back_and_they_go_out_once_within_a_minute()
    {
        using var database = TestDatabase.CreateNew();
        await using var smtp = new SmtpSink();
        await using var app = OnTimeApp.OnDatabase(database, smtp.Port);
        var admin = app.Admin();
        for (var n = 0; n < 40; n++)
        {
            await admin.CreateDepartment();
        }

        var meeting = (await admin.CreateDraft(await admin.CreateSeries(), DateTimeOffset.UtcNow.AddDays(30))).Id();
        long marked = 0;
        long killed = 0;
        smtp.After(10, () =>
        {
            marked = database.Count(Sent);
            killed = database.Count("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        });
        await OnTimeApp.JustAfterAPoll();
        await (await admin.PostAsync($"/api/meetings/{meeting}/publish", null)).Json(HttpStatusCode.OK);
        var invitees = (await admin.Invitations(meeting)).Length;
        await Until(() => smtp.Received.Count >= 10, TimeSpan.FromSeconds(30));
        var fault = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(2)); // the dispatcher finds out, stops and gives its claim back
        var inFlight = smtp.Received.Count - marked;
        await Until(() => Recipients(smtp, meeting) == invitees, TimeSpan.FromSeconds(75));
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.True(killed > 0);
        Assert.Equal(invitees, Recipients(smtp, meeting));
        var twice = smtp.Received.Count(m => m.Headers["X-Meetings-Meeting"] == meeting) - invitees;
        Assert.True(twice <= inFlight, $"{twice} mails went twice, {inFlight} were in flight at the fault");
        var recovered = smtp.Received.Max(smtp.ArrivalOf) - fault;
        Assert.True(recovered < TimeSpan.FromSeconds(60), $"the last mail went out {recovered.TotalSeconds:F1} s after the connections were killed");
    }

    [Fact]
    public async Task After_a_quick_restart_the_dead_pooled_connections_cost_at_most_one_failed_request()
    {
        using var server = PostgresServer.StartNew();
        using var database = PostgresTestDatabase.Create(server);
        using var app = new InstanceApp(database, smtpPort: 25);
        var admin = app.Admin();
        var city = await admin.CreatePartnerCity();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.Db(db => db.Database.ExecuteSqlRawAsync("SELECT pg_sleep(0.2)")))); // eight pooled connections

        server.Stop();
        server.Start(); // nobody asked in between: the pool still holds the old connections
        var statuses = new List<HttpStatusCode>();
        for (var n = 0; n < 12; n++)
        {
            statuses.Add((await admin.GetAsync($"/api/cities/{city}")).StatusCode);
        }

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, s.ToString()));
        Assert.True(statuses.Count(s => s == HttpStatusCode.ServiceUnavailable) <= 1, string.Join(", ", statuses));
        Assert.All(statuses.Skip(1), s => Assert.Equal(HttpStatusCode.OK, s));
    }

    private const string Sent = """SELECT COUNT(*) FROM "Deliveries" WHERE "Status" = 'Sent'""";

    private static int Recipients(SmtpSink smtp, string meeting) =>
        smtp.Received.Where(m => m.Headers["X-Meetings-Meeting"] == meeting).Select(m => m.To.Mailboxes.Single().Address).Distinct().Count();

    private static async Task Until(Func<bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }
    }
}
