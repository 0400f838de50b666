using System.Globalization;
using System.Threading.RateLimiting;

namespace Meetings.Api.Common;

/// <summary>
/// The personal RSVP links need no key, so they are rate limited per client address:
/// <c>RateLimiting:RsvpToken:PermitLimit</c> requests (default 60) per <c>RateLimiting:RsvpToken:WindowSeconds</c>
/// (default 60). Over the limit: 429 problem with <c>Retry-After</c>.
/// </summary>
internal static class RateLimits
{
    public const string RsvpToken = "rsvp-token";

    public static IServiceCollection AddMeetingsRateLimits(this IServiceCollection services) => services.AddRateLimiter(options =>
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(RsvpToken, context =>
        {
            var config = context.RequestServices.GetRequiredService<IConfiguration>();
            var limit = config.GetValue("RateLimiting:RsvpToken:PermitLimit", 60);
            var window = TimeSpan.FromSeconds(config.GetValue("RateLimiting:RsvpToken:WindowSeconds", 60));
            var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, limit),
                Window = window,
                QueueLimit = 0,
            });
        });
        options.OnRejected = async (context, ct) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests.", $"Try again in {Math.Ceiling(retryAfter.TotalSeconds)} seconds.");
        };
    });
}
