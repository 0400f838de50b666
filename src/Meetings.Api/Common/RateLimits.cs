using System.Globalization;
using System.Threading.RateLimiting;
using Meetings.Domain.Common;

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
    public const string RsvpToken = "rsvp-token";

    public static IServiceCollection AddMeetingsRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<UnknownTokenGuesses>();
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(RsvpToken, context =>
            {
                var config = context.RequestServices.GetRequiredService<IConfiguration>();
                var token = context.Request.RouteValues["token"] as string ?? string.Empty;
                var partition = token.Length <= Domain.Meetings.Invitation.TokenMaxLength ? token : "(overlong)";
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => Window(config, "RateLimiting:RsvpToken", 60, 60));
            });
            options.OnRejected = (context, _) => WriteTooManyAsync(context.HttpContext, context.Lease);
        });
    }

    /// <summary>The personal-link endpoints: the per-token policy and the per-address count of unknown tokens.</summary>
    public static RouteGroupBuilder WithPersonalLinkLimits(this RouteGroupBuilder group)
    {
        group.RequireRateLimiting(RsvpToken);
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (NotFoundException)
            {
                var http = context.HttpContext;
                using var lease = http.RequestServices.GetRequiredService<UnknownTokenGuesses>().Count(http);
                if (!lease.IsAcquired)
                {
                    await WriteTooManyAsync(http, lease);
                    return Results.Empty;
                }

                throw;
            }
        });
        return group;
    }

    private static FixedWindowRateLimiterOptions Window(IConfiguration config, string section, int permits, int seconds) => new()
    {
        PermitLimit = Math.Max(1, config.GetValue($"{section}:PermitLimit", permits)),
        Window = TimeSpan.FromSeconds(Math.Max(1, config.GetValue($"{section}:WindowSeconds", seconds))),
        QueueLimit = 0,
    };

    private static async ValueTask WriteTooManyAsync(HttpContext context, RateLimitLease lease)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests.", $"Try again in {seconds} seconds.");
    }

    /// <summary>Unknown tokens per client address (the connection's, or the one a named proxy forwarded).</summary>
    internal sealed class UnknownTokenGuesses(IConfiguration config) : IDisposable
    {
        private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(
            address => RateLimitPartition.GetFixedWindowLimiter(address, _ => Window(config, "RateLimiting:UnknownToken", 20, 60)));

        public RateLimitLease Count(HttpContext context) => _limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

        public void Dispose() => _limiter.Dispose();
    }
}
