using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meetings.Infrastructure.Idempotency;

/// <summary>
/// Where the first answers to requests with an <c>Idempotency-Key</c> are kept. Every operation runs in a
/// database context of its own, never in the request's: the request's handler saves its own changes, and a
/// claim written here must not be saved (or rolled back) with them.
/// </summary>
public sealed class IdempotencyStore(IServiceScopeFactory scopes)
{
    /// <summary>Far longer than any request runs (database commands give up after seconds).</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    /// <summary>How long a first answer is kept for retries; then the key is forgotten (and the record purged).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>The most of a first answer that is kept; a larger one is replayed by its status alone.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// Claims the key for this request: a new record (<c>IsNew</c>), or the one another request made first
    /// (running, finished, or for another body). A record older than <see cref="Lifetime"/> counts as gone.
    /// </summary>
    public async Task<(IdempotencyRecord Record, bool IsNew)> ClaimAsync(string scope, string key, string requestHash, DateTimeOffset now, CancellationToken ct)
    {
        if (await FindAsync(scope, key, ct) is { } existing)
        {
            if (existing.CreatedAt > now - Lifetime)
            {
                return (existing, false);
            }

            await Execute(db => db.IdempotencyRecords.Where(r => r.Id == existing.Id && r.CreatedAt == existing.CreatedAt)
                .ExecuteDeleteAsync(CancellationToken.None)); // expired, not purged yet: the key is free again
        }

        var claim = new IdempotencyRecord { Id = Ids.New(), Scope = scope, Key = key, RequestHash = requestHash, CreatedAt = now };
        try
        {
            await WithContext(db =>
            {
                db.IdempotencyRecords.Add(claim);
                return db.SaveChangesAsync(ct);
            });
            return (claim, true);
        }
        catch (DbUpdateException e) when (ConstraintViolation.IsUniqueViolation(e))
        {
            return (await FindAsync(scope, key, ct) ?? throw new InvalidOperationException("The idempotency record vanished."), false); // a concurrent first request won
        }
    }

    /// <summary>Takes over a first attempt that never finished (the process died meanwhile); of several retries at once, one wins.</summary>
    public async Task<bool> TakeOverAbandonedAsync(IdempotencyRecord claim, DateTimeOffset now)
    {
        if (claim.StatusCode is not null || claim.CreatedAt > now - Abandoned)
        {
            return false;
        }

        var taken = await Execute(db => db.IdempotencyRecords
            .Where(r => r.Id == claim.Id && r.StatusCode == null && r.CreatedAt == claim.CreatedAt)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.CreatedAt, now), CancellationToken.None));
        claim.CreatedAt = now;
        return taken == 1;
    }

    /// <summary>
    /// Keeps the answer of the first request, for its retries: at most <see cref="MaxBodyBytes"/> of it — a larger body
    /// is not kept (nor its content type), and retries get the status (and the kept headers) alone.
    /// </summary>
    public Task KeepAsync(IdempotencyRecord claim, int statusCode, string? contentType, byte[] body, string? headers)
    {
        var kept = body.Length <= MaxBodyBytes;
        return Execute(db => db.IdempotencyRecords.Where(r => r.Id == claim.Id).ExecuteUpdateAsync(
            u => u.SetProperty(r => r.StatusCode, statusCode).SetProperty(r => r.ContentType, kept ? contentType : null).SetProperty(r => r.Body, kept ? body : null)
                .SetProperty(r => r.Headers, headers),
            CancellationToken.None));
    }

    /// <summary>Removes the records older than <see cref="Lifetime"/> (the recurring job <c>idempotency-purge</c>); returns how many.</summary>
    public Task<int> PurgeExpiredAsync(DateTimeOffset now)
    {
        var cutoff = now - Lifetime;
        return Execute(db => db.IdempotencyRecords.Where(r => r.CreatedAt <= cutoff).ExecuteDeleteAsync(CancellationToken.None));
    }

    /// <summary>The first request failed (5xx, or an exception): the key may be used again.</summary>
    public Task ForgetAsync(IdempotencyRecord claim) =>
        Execute(db => db.IdempotencyRecords.Where(r => r.Id == claim.Id).ExecuteDeleteAsync(CancellationToken.None));

    private Task<IdempotencyRecord?> FindAsync(string scope, string key, CancellationToken ct) =>
        WithContext(db => db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, ct));

    private async Task<T> WithContext<T>(Func<MeetingsDbContext, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<MeetingsDbContext>());
    }

    /// <summary>A statement that writes outside SaveChanges waits in the process's writer queue like SaveChanges does.</summary>
    private Task<int> Execute(Func<MeetingsDbContext, Task<int>> statement) => WithContext(async db =>
    {
        using (await db.EnterWriteQueueAsync(CancellationToken.None))
        {
            return await statement(db);
        }
    });
}
