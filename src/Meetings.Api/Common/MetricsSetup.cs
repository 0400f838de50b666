using Meetings.Infrastructure.Mail.Dispatch;
using OpenTelemetry.Metrics;

namespace Meetings.Api.Common;

/// <summary>
/// <c>GET /metrics</c>: OpenTelemetry's metrics in the Prometheus text format — ASP.NET Core's HTTP server metrics
/// (by route template, never by path: tokens stay out), the .NET runtime's, and the mail figures
/// (<see cref="MailMetrics"/>). Like the job dashboard it is for the machine itself or an admin key: a local request
/// needs no key, any other needs an admin key (401 without, 403 with another role) — <see cref="OperatorEndpoints"/>.
/// The exposition passes <c>promtool check metrics</c>: three runtime gauges whose names end in <c>.count</c> (which
/// Prometheus keeps for histograms) are shown under names of their own (<see cref="Renamed"/>). <c>target_info</c>
/// names the service (<see cref="TelemetrySetup"/>).
/// </summary>
internal static class MetricsSetup
{
    public const string Path = "/metrics";

    /// <summary>The .NET runtime's gauges named <c>*.count</c> (as <c>dotnet_*_count</c> not histograms, which promtool refuses), by the names shown.</summary>
    public static readonly IReadOnlyDictionary<string, string> Renamed = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dotnet.assembly.count"] = "dotnet.assemblies.loaded",
        ["dotnet.process.cpu.count"] = "dotnet.process.cpus",
        ["dotnet.timer.count"] = "dotnet.timers.active",
    };

    public static IServiceCollection AddMeetingsMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(MailMetrics.MeterName)
            // Per-request figures nobody watches here, each measured on every request once listened to.
            .AddView(i => i.Meter.Name is "Microsoft.AspNetCore.MemoryPool" or "Microsoft.AspNetCore.Routing"
                or "Microsoft.AspNetCore.Authentication" or "Microsoft.AspNetCore.Authorization" ? MetricStreamConfiguration.Drop
                : Renamed.TryGetValue(i.Name, out var name) ? new MetricStreamConfiguration { Name = name } : null)
            // No response cache: a scrape shows the figures of that moment (the due rows have their own, cheaper cache).
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>
    /// After <see cref="OperatorEndpoints"/>' gate (who may). The exporter answers at <c>/metrics</c> exactly (in any
    /// case): no other path below it, whatever the gate let through.
    /// </summary>
    public static WebApplication UseMeetingsMetrics(this WebApplication app)
    {
        app.Services.GetRequiredService<MeterProvider>(); // listening before the mail counters are made: their zeros are recorded
        app.Services.GetRequiredService<MailMetrics>(); // its instruments exist from the start, each series at 0, not from the first dispatch
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.PathBase == PathString.Empty && context.Request.Path == Path);
        return app;
    }
}
