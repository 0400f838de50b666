using System.Net;
using System.Text.RegularExpressions;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meetings.Api.Tests.Meetings;

/// <summary>
/// Publishing to a whole city (issue 20, docs/design/scale.md): the invitations and their ledger rows go to the database
/// as multi-row statements — a number of statements that grows with the rows divided by the rows a statement, not with
/// the rows — and they are the same rows, with the same rules, as one statement a row would write.
/// </summary>
public sealed partial class PublishAtScaleTests(SqlCapturingApp app) : IClassFixture<SqlCapturingApp>
{
    private const int Departments = 120;

    private static readonly DateTimeOffset InTwoMonths = MeetingsApp.Start.AddDays(60);
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task Publishing_to_many_departments_writes_invitations_and_ledger_rows_in_a_few_multi_row_statements()
    {
        var meeting = await PublishedToManyAsync();

        var (invitations, deliveries) = await CountsAsync(meeting);
        Assert.True(invitations >= Departments + 2, $"{invitations} invitations"); // the departments and the two hosts
        Assert.True(deliveries >= invitations, $"{deliveries} ledger rows");
        var statements = app.Sql.Commands.Sum(c => InsertInto().Matches(c.Sql).Count(m => m.Groups[1].Value is "Invitations" or "Deliveries"));
        // One statement a row would be invitations + deliveries (more than 600); multi-row: about ten rows a statement on
        // SQLite (its parameters a statement are kept few, BulkInsert), hundreds on PostgreSQL.
        Assert.InRange(statements, 2, (invitations + deliveries) / 5);
    }

    [Fact]
    public async Task The_rows_written_in_bulk_are_the_rows_of_each_invitee_once_with_a_working_link_and_one_audit_row()
    {
        var meeting = await PublishedToManyAsync();
        var id = Guid.Parse(meeting);

        var invitations = await app.Db(db => db.Invitations.AsNoTracking().Where(i => i.MeetingId == id).ToListAsync());
        var rows = await app.Db(db => db.Deliveries.AsNoTracking().Where(d => d.MeetingId == id).ToListAsync());
        Assert.Equal(invitations.Count, invitations.Select(i => i.Token).Distinct().Count());
        Assert.All(invitations, i => Assert.Equal((1, "de"), (i.Version, i.Recipient.Language)));
        Assert.Equal(rows.Count, rows.Select(r => r.Key).Distinct().Count()); // the ledger's key: each mail once
        var invited = rows.Where(r => r.Kind == DeliveryKind.Invitation).ToList();
        Assert.Equal(invitations.Select(i => i.Id).Order(), invited.Select(r => r.InvitationId!.Value).Order());
        Assert.All(invited, r => Assert.Equal(DeliveryStatus.Queued, r.Status));
        Assert.Equal(invitations.Select(i => i.Recipient.Email).Order(StringComparer.Ordinal), invited.Select(r => r.RecipientEmail).Order(StringComparer.Ordinal));

        var audit = await app.Db(db => db.AuditLog.AsNoTracking().Where(a => a.ResourceId == id || invitations.Select(i => i.Id).Contains(a.ResourceId)).ToListAsync());
        Assert.Single(audit, a => a.Operation.Contains("Publish", StringComparison.Ordinal));

        var head = invitations.First(i => i.DepartmentId is not null);
        await (await app.Anonymous().PutJson($"/api/rsvp/{head.Token}", new { status = "accepted" })).Json(HttpStatusCode.OK);
        Assert.Equal(AnswerStatus.Accepted, await app.Db(db => db.Invitations.AsNoTracking().Where(i => i.Id == head.Id).Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task Publishing_again_is_refused_and_adds_no_row()
    {
        var meeting = await PublishedToManyAsync();
        var before = await CountsAsync(meeting);

        var again = await _admin.PostAsync($"/api/meetings/{meeting}/publish", null);

        Assert.True(again.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, $"{again.StatusCode}");
        Assert.Equal(before, await CountsAsync(meeting));
    }

    [Fact]
    public async Task A_publish_whose_save_fails_after_its_rows_were_written_stores_none_of_them_and_its_retry_writes_each_once()
    {
        await EnsureDepartmentsAsync();
        var draft = Guid.Parse((await _admin.CreateDraft(await _admin.CreateSeries(), InTwoMonths)).Id());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        var meeting = await db.Meetings.SingleAsync(m => m.Id == draft);
        var series = await db.Series.AsNoTracking().SingleAsync(s => s.Id == meeting.SeriesId);
        var departments = await db.Departments.AsNoTracking().Where(d => d.Active).ToListAsync();
        meeting.Publish(series, departments, [], scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());

        // Another writer changes the meeting meanwhile: the save writes the invitations and ledger rows in bulk first,
        // then its update of the meeting finds another version, and the whole transaction is rolled back.
        await app.Db(other => other.Meetings.Where(m => m.Id == draft).ExecuteUpdateAsync(u => u.SetProperty(m => m.Version, m => m.Version + 1)));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());

        Assert.Equal((0, 0), await CountsAsync(draft.ToString()));
        var waiting = db.ChangeTracker.Entries<Delivery>().Count(e => e.State == EntityState.Added);
        Assert.True(waiting >= 2 * departments.Count, $"{waiting} ledger rows waiting to be written again");
        Assert.All(db.ChangeTracker.Entries<Invitation>(), e => Assert.Equal(EntityState.Added, e.State));

        // The same save again, on the other writer's version: every row once, none lost, none twice.
        db.Entry(meeting).Property(m => m.Version).OriginalValue = await app.Db(other => other.Meetings.Where(m => m.Id == draft).Select(m => m.Version).SingleAsync());
        await db.SaveChangesAsync();

        var (invitations, deliveries) = await CountsAsync(draft.ToString());
        Assert.Equal(departments.Count + series.Hosts.Count, invitations);
        Assert.Equal(waiting, deliveries);
        var keys = await app.Db(other => other.Deliveries.AsNoTracking().Where(d => d.MeetingId == draft).ToListAsync());
        Assert.Equal(deliveries, keys.Select(r => r.Key).Distinct().Count());
    }

    /// <summary>A meeting published (captured by <see cref="SqlCapturingApp.Sql"/>) to at least <see cref="Departments"/> departments.</summary>
    private async Task<string> PublishedToManyAsync()
    {
        await EnsureDepartmentsAsync();
        var series = await _admin.CreateSeries();
        var draft = (await _admin.CreateDraft(series, InTwoMonths)).Id();
        app.Sql.Start();
        try
        {
            await (await _admin.PostAsync($"/api/meetings/{draft}/publish", null)).Json(HttpStatusCode.OK);
        }
        finally
        {
            app.Sql.Stop();
        }

        return draft;
    }

    private async Task EnsureDepartmentsAsync()
    {
        var existing = await app.Db(db => db.Departments.CountAsync(d => d.Active));
        foreach (var chunk in Enumerable.Range(0, Math.Max(0, Departments - existing)).Chunk(8))
        {
            await Task.WhenAll(chunk.Select(_ => _admin.CreateDepartment()));
        }
    }

    private Task<(int Invitations, int Deliveries)> CountsAsync(string meeting)
    {
        var id = Guid.Parse(meeting);
        return app.Db(async db => (await db.Invitations.CountAsync(i => i.MeetingId == id), await db.Deliveries.CountAsync(d => d.MeetingId == id)));
    }

    [GeneratedRegex("""INSERT INTO "?(\w+)"?""")]
    private static partial Regex InsertInto();
}
