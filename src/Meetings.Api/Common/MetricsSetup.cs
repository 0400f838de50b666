using System.Net;
using Meetings.Domain.Directory;
using Meetings.Infrastructure.Mail.Dispatch;
using OpenTelemetry.Metrics;

namespace Meetings.Api.Common;

/// <summary>
/// <c>GET /metrics</c>: OpenTelemetry's metrics in the Prometheus text format — ASP.NET Core's HTTP server metrics
/// (by route template, never by path: tokens stay out), the .NET runtime's, and the mail figures
/// (<see cref="MailMetrics"/>). Like the job dashboard it is for the machine itself or an admin key: a local request
/// needs no key, any other needs an admin key (401 without, 403 with another role).
/// </summary>
internal static class MetricsSetup
{
    public const string Path = "/metrics";

    public static IServiceCollection AddMeetingsMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(MailMetrics.MeterName)
            // Per-request figures nobody watches here, each measured on every request once listened to.
            .AddView(i => i.Meter.Name is "Microsoft.AspNetCore.MemoryPool" or "Microsoft.AspNetCore.Routing"
                or "Microsoft.AspNetCore.Authentication" or "Microsoft.AspNetCore.Authorization" ? MetricStreamConfiguration.Drop : null)
            // No response cache: a scrape shows the figures of that moment (the due rows have their own, cheaper cache).
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>After authentication (the key decides for remote callers), before the endpoints' authorization.</summary>
    public static WebApplication UseMeetingsMetrics(this WebApplication app)
    {
        app.Services.GetRequiredService<MailMetrics>(); // its instruments exist from the start, not from the first dispatch
        var admin = Auth.Roles.Of(ApiKeyRole.Admin);
        app.UseWhen(c => c.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase), branch => branch.Use(async (context, next) =>
        {
            if (!IsLocal(context.Connection) && !context.User.IsInRole(admin))
            {
                var authenticated = context.User.Identity?.IsAuthenticated == true;
                await Problems.WriteAsync(context, authenticated ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
                    authenticated ? "Outside the key's scope." : "An admin key is required.",
                    "The metrics answer requests from this machine, or an admin key in X-Api-Key.");
                return;
            }

            await next(context);
        }));
        app.UseOpenTelemetryPrometheusScrapingEndpoint(Path);
        return app;
    }

    /// <summary>Loopback or the server's own address, as for the job dashboard.</summary>
    private static bool IsLocal(ConnectionInfo connection) => connection.RemoteIpAddress is { } remote
        && (IPAddress.IsLoopback(remote) || remote.Equals(connection.LocalIpAddress));
}
