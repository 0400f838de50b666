using System.Globalization;
using System.Threading.RateLimiting;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Common;

/// <summary>
/// The personal links need no key, so they are rate limited twice. Per link: every request to
/// <c>/api/rsvp/{token}</c> counts for that token, <c>RateLimiting:RsvpToken:PermitLimit</c> requests (default 60) per
/// <c>RateLimiting:RsvpToken:WindowSeconds</c> (default 60) — one link cannot be hammered. Per client address, for unknown
/// links only: a token that opens nothing counts for the address it came from, <c>RateLimiting:UnknownToken:PermitLimit</c>
/// (default 20) per <c>RateLimiting:UnknownToken:WindowSeconds</c> (default 60), after which that address gets 429 for
/// unknown tokens — so that someone guessing tokens behind the city's shared address never locks out the valid links
/// of the people behind it. Over a limit: 429 problem with <c>Retry-After</c>.
/// </summary>
internal static class RateLimits
{
    /// <summary>The policy of the personal-link endpoints: per token (<c>RateLimiting:RsvpToken</c>).</summary>
    public const string PersonalLink = "personal-link";

    public static IServiceCollection AddMeetingsRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<UnknownTokenGuesses>();
        services.AddOptions<RateLimitingOptions>().BindChecked("RateLimiting").CheckedBy<RateLimitingOptions, RateLimitingOptionsCheck>();
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PersonalLink, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
                var token = context.Request.RouteValues["token"] as string ?? string.Empty;
                var partition = token.Length <= Domain.Meetings.Invitation.TokenMaxLength ? token : "(overlong)";
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => Window(limits.RsvpToken));
            });
            options.OnRejected = (context, _) => WriteTooManyAsync(context.HttpContext, context.Lease);
            // The answer page (a person in a browser) is told in words, not in a problem document: see WriteTooManyAsync.
        });
    }

    /// <summary>The personal-link endpoints: the per-token policy and the per-address count of unknown tokens.</summary>
    public static TBuilder WithPersonalLinkLimits<TBuilder>(this TBuilder endpoints)
        where TBuilder : IEndpointConventionBuilder
    {
        endpoints.RequireRateLimiting(PersonalLink);
        endpoints.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (NotFoundException)
            {
                if (!CountUnknownToken(context.HttpContext))
                {
                    await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests.",
                        $"Try again in {context.HttpContext.Response.Headers.RetryAfter} seconds.");
                    return Results.Empty;
                }

                throw;
            }
        });
        return endpoints;
    }

    /// <summary>
    /// Counts an unknown token for the client's address (the answer page counts its unknown links here too). False, with
    /// <c>Retry-After</c> set, when the address is over its limit: then it is told so instead of "unknown".
    /// </summary>
    public static bool CountUnknownToken(HttpContext http)
    {
        using var lease = http.RequestServices.GetRequiredService<UnknownTokenGuesses>().Count(http);
        if (!lease.IsAcquired)
        {
            http.Response.Headers.RetryAfter = RetryAfterSeconds(lease).ToString(CultureInfo.InvariantCulture);
        }

        return lease.IsAcquired;
    }

    private static FixedWindowRateLimiterOptions Window(RateLimitingOptions.Limit limit) => new()
    {
        PermitLimit = limit.PermitLimit,
        Window = TimeSpan.FromSeconds(limit.WindowSeconds),
        QueueLimit = 0,
    };

    private static int RetryAfterSeconds(RateLimitLease lease) =>
        (int)Math.Ceiling((lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60)).TotalSeconds);

    private static async ValueTask WriteTooManyAsync(HttpContext context, RateLimitLease lease)
    {
        var seconds = RetryAfterSeconds(lease);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (IsAnswerPage(context))
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(
                $"Zu viele Aufrufe dieses Links. Bitte versuchen Sie es in {seconds} Sekunden wieder.\n" +
                $"Too many requests to this link. Please try again in {seconds} seconds.\n");
            return;
        }

        await Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests.", $"Try again in {seconds} seconds.");
    }

    /// <summary>The answer page itself (not its calendar file): a browser that shows a sentence, not JSON.</summary>
    private static bool IsAnswerPage(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null;

    /// <summary>Unknown tokens per client address (the connection's, or the one a named proxy forwarded).</summary>
    internal sealed class UnknownTokenGuesses(IOptions<RateLimitingOptions> limits) : IDisposable
    {
        private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(
            address => RateLimitPartition.GetFixedWindowLimiter(address, _ => Window(limits.Value.UnknownToken)));

        public RateLimitLease Count(HttpContext context) => _limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

        public void Dispose() => _limiter.Dispose();
    }
}

/// <summary>The <c>RateLimiting</c> configuration section (<see cref="RateLimits"/>).</summary>
internal sealed class RateLimitingOptions
{
    /// <summary>Requests per personal link (per token) per window: the key <c>RateLimiting:RsvpToken</c> (its name is the contract's).</summary>
    public Limit RsvpToken { get; set; } = new() { PermitLimit = 60, WindowSeconds = 60 };

    /// <summary>Unknown links per client address per window.</summary>
    public Limit UnknownToken { get; set; } = new() { PermitLimit = 20, WindowSeconds = 60 };

    internal sealed class Limit
    {
        public int PermitLimit { get; set; }

        public int WindowSeconds { get; set; }
    }
}

/// <summary>Every key of the <c>RateLimiting</c> section, checked at start (<see cref="SettingChecks"/>).</summary>
internal sealed class RateLimitingOptionsCheck : IValidateOptions<RateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        var wrong = new List<string>();
        foreach (var (section, limit) in new[] { ("RateLimiting:RsvpToken", options.RsvpToken), ("RateLimiting:UnknownToken", options.UnknownToken) })
        {
            SettingChecks.Within(wrong, $"{section}:PermitLimit", limit.PermitLimit, 1, 1_000_000, "a whole number of requests");
            SettingChecks.Within(wrong, $"{section}:WindowSeconds", limit.WindowSeconds, 1, 86_400, "a whole number of seconds");
        }

        return wrong.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(wrong);
    }
}
