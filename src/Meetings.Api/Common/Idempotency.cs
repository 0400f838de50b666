using System.Security.Cryptography;
using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Common;

/// <summary>Marks a POST endpoint that honours the <c>Idempotency-Key</c> header.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class IdempotentAttribute : Attribute;

/// <summary>
/// <c>Idempotency-Key</c> on marked endpoints: the same caller, key and request get the first answer
/// again (header <c>Idempotent-Replayed: true</c>) and nothing is created twice; the same key with
/// another request is a 422; a retry while the first request still runs is a 409. Answers of 5xx are
/// not kept, so such a request may be retried with the same key. A first request that never finished
/// (the process died, or the database went away before the claim could be removed) leaves a claim
/// without an answer; after <see cref="Abandoned"/> a retry takes it over and runs.
/// </summary>
internal static class Idempotency
{
    public const string Header = "Idempotency-Key";

    /// <summary>Far longer than any request runs (database commands give up after seconds).</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var key = context.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key) || context.GetEndpoint()?.Metadata.GetMetadata<IdempotentAttribute>() is null
            || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        if (key.Length > IdempotencyRecord.KeyMaxLength)
        {
            throw DomainValidationException.For(Header, $"must be at most {IdempotencyRecord.KeyMaxLength} characters.");
        }

        var db = context.RequestServices.GetRequiredService<MeetingsDbContext>();
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        var caller = Caller.From(context.User);
        var scope = $"{caller.KeyId?.ToString() ?? caller.Name} {context.Request.Method} {context.Request.Path}";
        if (scope.Length > IdempotencyRecord.ScopeMaxLength)
        {
            await next(context); // no real resource has such a path: the endpoint refuses it (400/404), nothing to keep
            return;
        }

        var hash = await HashBody(context.Request, context.RequestAborted);

        var existing = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, context.RequestAborted);
        if (existing is null)
        {
            var claim = new IdempotencyRecord { Id = Ids.New(), Scope = scope, Key = key, RequestHash = hash, CreatedAt = clock.GetUtcNow() };
            db.IdempotencyRecords.Add(claim);
            try
            {
                await db.SaveChangesAsync(context.RequestAborted);
                await RunAndKeep(context, next, db, claim);
                return;
            }
            catch (DbUpdateException e) when (ConstraintViolation.IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
                existing = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Scope == scope && r.Key == key, context.RequestAborted);
            }
        }

        if (existing.StatusCode is null && existing.RequestHash == hash && await TakeOverAbandoned(db, existing, clock.GetUtcNow()))
        {
            await RunAndKeep(context, next, db, existing);
            return;
        }

        await Replay(context, existing, hash);
    });

    /// <summary>Claims an abandoned first attempt for this request; of several retries at once, one wins.</summary>
    private static async Task<bool> TakeOverAbandoned(MeetingsDbContext db, IdempotencyRecord claim, DateTimeOffset now)
    {
        if (claim.CreatedAt > now - Abandoned)
        {
            return false;
        }

        var taken = await db.IdempotencyRecords
            .Where(r => r.Id == claim.Id && r.StatusCode == null && r.CreatedAt == claim.CreatedAt)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.CreatedAt, now), CancellationToken.None);
        claim.CreatedAt = now;
        return taken == 1;
    }

    private static async Task RunAndKeep(HttpContext context, RequestDelegate next, MeetingsDbContext db, IdempotencyRecord claim)
    {
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            await Forget(db, claim);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode >= 500)
        {
            await Forget(db, claim);
        }
        else
        {
            claim.StatusCode = context.Response.StatusCode;
            claim.ContentType = context.Response.ContentType;
            claim.Body = buffer.ToArray();
            db.ChangeTracker.Clear();
            db.IdempotencyRecords.Update(claim);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task Replay(HttpContext context, IdempotencyRecord record, string hash)
    {
        if (record.RequestHash != hash)
        {
            await Problems.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused.",
                "This key was used for a different request; use a new key for a new request.");
            return;
        }

        if (record.StatusCode is not { } status)
        {
            await Problems.WriteAsync(context, StatusCodes.Status409Conflict, "Request in progress.",
                "The first request with this Idempotency-Key is still being processed; retry shortly.");
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = record.ContentType;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        await context.Response.Body.WriteAsync(record.Body ?? [], context.RequestAborted);
    }

    private static async Task Forget(MeetingsDbContext db, IdempotencyRecord claim)
    {
        db.ChangeTracker.Clear();
        db.IdempotencyRecords.Remove(claim);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static async Task<string> HashBody(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(request.Body, ct));
        request.Body.Position = 0;
        return hash;
    }
}
