using System.Diagnostics;
using Meetings.Infrastructure.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Meetings.Api.Common;

/// <summary>
/// OpenTelemetry's resource (<c>service.name</c> <c>meetings</c>, or <c>OTEL_SERVICE_NAME</c>; on the traces and on
/// <c>target_info</c> at <c>/metrics</c>) and the traces: ASP.NET Core's requests, EF Core's commands and the service's
/// own spans (<see cref="Telemetry.Source"/>: the mail dispatch), exported over OTLP as the standard variables say
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>_PROTOCOL</c>, <c>_HEADERS</c>, …). Without an endpoint there is no tracer at
/// all: nothing listens to the activity sources, so a span costs the check that finds no listener.
/// <para>
/// What a trace leaves out: the operator endpoints and the health checks (scraped and probed every few seconds); EF
/// Core's commands outside a request or a dispatch batch (the job server's polls, the metrics' count); the path of a
/// request on a personal link, which carries its token — such a span keeps the route template (<c>/api/rsvp/{token}</c>),
/// and a request that matched no route keeps no path at all. Query values are redacted by the instrumentation.
/// </para>
/// </summary>
internal static class TelemetrySetup
{
    private const string Endpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string TracesEndpoint = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    private const string EfCoreSource = "OpenTelemetry.Instrumentation.EntityFrameworkCore";

    public static IServiceCollection AddMeetingsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // Ours first, the standard variables after it: OTEL_SERVICE_NAME (or service.name in OTEL_RESOURCE_ATTRIBUTES) wins.
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(Telemetry.ServiceName).AddEnvironmentVariableDetector());
        services.AddOptions<TelemetrySettings>().CheckedBy<TelemetrySettings, TelemetrySettingsCheck>();
        if (!TracesExported(configuration))
        {
            return services;
        }

        telemetry.WithTracing(tracing => tracing
            .AddSource(Telemetry.SourceName)
            .AddAspNetCoreInstrumentation(aspNetCore =>
            {
                aspNetCore.Filter = context => OperatorEndpoints.Of(context.Request) == OperatorEndpoints.Kind.None
                    && !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
                aspNetCore.EnrichWithHttpResponse = (activity, response) => KeepTokensOut(activity, response.HttpContext);
            })
            .AddEntityFrameworkCoreInstrumentation(efCore => efCore.Filter = (_, _) => InATrace())
            .AddOtlpExporter());
        return services;
    }

    /// <summary>An OTLP endpoint is named (for all signals, or for traces): then, and only then, traces are made and exported.</summary>
    public static bool TracesExported(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[Endpoint]) || !string.IsNullOrWhiteSpace(configuration[TracesEndpoint]);

    /// <summary>
    /// A command belongs to a request's or a dispatch batch's trace. Asked with the command's own span current (or, in
    /// other versions of the instrumentation, before it starts): either way a span that has a parent in this process.
    /// </summary>
    private static bool InATrace() => Activity.Current is { } current && (current.Source.Name != EfCoreSource || current.Parent is not null);

    /// <summary>The path of a personal link carries its token: the span keeps the route template instead.</summary>
    private static void KeepTokensOut(Activity activity, HttpContext context)
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern;
        if (route is null)
        {
            activity.SetTag("url.path", null); // no route matched: the path may be a link with a mistyped or unknown token
        }
        else if (route.GetParameter("token") is not null)
        {
            activity.SetTag("url.path", route.RawText);
        }
    }

    /// <summary>The standard variables this service reads itself, checked at start (<see cref="SettingChecks"/>).</summary>
    internal sealed class TelemetrySettings;

    internal sealed class TelemetrySettingsCheck(IConfiguration configuration) : IValidateOptions<TelemetrySettings>
    {
        private static readonly string[] Protocols = ["grpc", "http/protobuf"];

        public ValidateOptionsResult Validate(string? name, TelemetrySettings options)
        {
            var wrong = new List<string>();
            foreach (var key in new[] { Endpoint, TracesEndpoint })
            {
                if (configuration[key] is { Length: > 0 } value
                    && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0))
                {
                    wrong.Add(SettingChecks.Wrong(key, "an absolute http or https URL such as http://collector.stadt.example:4318", value));
                }
            }

            foreach (var key in new[] { "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL" })
            {
                if (configuration[key] is { Length: > 0 } value && !Protocols.Contains(value, StringComparer.Ordinal))
                {
                    wrong.Add(SettingChecks.Wrong(key, "grpc or http/protobuf", value));
                }
            }

            if (configuration["OTEL_SERVICE_NAME"] is { } serviceName && (serviceName.Length > 100 || serviceName.Any(char.IsControl)))
            {
                wrong.Add(SettingChecks.Wrong("OTEL_SERVICE_NAME", "a name of up to 100 characters on one line, such as meetings"));
            }

            return wrong.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(wrong);
        }
    }
}
