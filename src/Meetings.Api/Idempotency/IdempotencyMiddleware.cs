using System.Security.Cryptography;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Idempotency;
using Microsoft.Net.Http.Headers;

namespace Meetings.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on marked endpoints: the same caller, key and request get the first answer
/// again (status, body, <c>Location</c> and <c>ETag</c>, with the header <c>Idempotent-Replayed: true</c>) and
/// nothing is created twice; the same key with another request is a 422; a retry while the first request still runs is a 409. Answers of 5xx are
/// not kept, so such a request may be retried with the same key. A first request that never finished
/// (the process died, or the database went away before the claim could be removed) leaves a claim
/// without an answer; after <see cref="IdempotencyStore.Abandoned"/> a retry takes it over and runs.
/// The records are kept by <see cref="IdempotencyStore"/>, never in the request's own database context.
/// </summary>
internal static class IdempotencyMiddleware
{
    public const string Header = "Idempotency-Key";

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

        var caller = Caller.From(context.User);
        var scope = $"{caller.KeyId?.ToString() ?? caller.Name} {context.Request.Method} {context.Request.Path}";
        if (scope.Length > IdempotencyRecord.ScopeMaxLength)
        {
            await next(context); // no real resource has such a path: the endpoint refuses it (400/404), nothing to keep
            return;
        }

        var store = context.RequestServices.GetRequiredService<IdempotencyStore>();
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        var hash = await HashBody(context.Request, context.RequestAborted);
        var (record, isNew) = await store.ClaimAsync(scope, key, hash, clock.GetUtcNow(), context.RequestAborted);
        if (isNew || (record.RequestHash == hash && await store.TakeOverAbandonedAsync(record, clock.GetUtcNow())))
        {
            await RunAndKeep(context, next, store, record);
            return;
        }

        await Replay(context, record, hash);
    });

    private static async Task RunAndKeep(HttpContext context, RequestDelegate next, IdempotencyStore store, IdempotencyRecord claim)
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
            await store.ForgetAsync(claim);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode >= 500)
        {
            await store.ForgetAsync(claim);
        }
        else
        {
            await store.KeepAsync(claim, context.Response.StatusCode, context.Response.ContentType, buffer.ToArray(), KeptHeaders(context.Response));
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

        if (record.Body is null)
        {
            // The first answer was larger than the store keeps (IdempotencyStore.MaxBodyBytes): it is not repeated as an
            // empty body a client could not read, and the request is not run again.
            context.Response.Headers["Idempotent-Replayed"] = "true";
            await Problems.WriteAsync(context, StatusCodes.Status409Conflict, "Request already done.",
                $"The first request with this Idempotency-Key was answered with status {status}; that answer was too large to keep. Read the resource for its current state.");
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = record.ContentType;
        foreach (var line in (record.Headers ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            context.Response.Headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        context.Response.Headers["Idempotent-Replayed"] = "true";
        await context.Response.Body.WriteAsync(record.Body ?? [], context.RequestAborted);
    }

    /// <summary>What a replay repeats besides status and body: where the created resource is, and its version.</summary>
    private static string? KeptHeaders(HttpResponse response)
    {
        var kept = string.Join('\n', new[] { HeaderNames.Location, HeaderNames.ETag }
            .Where(name => response.Headers.ContainsKey(name))
            .Select(name => $"{name}: {response.Headers[name]}"));
        return kept.Length is > 0 and <= IdempotencyRecord.HeadersMaxLength ? kept : null;
    }

    private static async Task<string> HashBody(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(request.Body, ct));
        request.Body.Position = 0;
        return hash;
    }
}
