using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Common;

/// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: the database is reachable and migrated.</summary>
internal static class HealthSetup
{
    /// <summary>The checks themselves (database, job storage) come with the infrastructure, tagged <c>ready</c>.</summary>
    public static IServiceCollection AddMeetingsHealth(this IServiceCollection services)
    {
        services.AddHealthChecks();
        return services;
    }

    public static WebApplication MapMeetingsHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write })
            .AllowAnonymous().WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = Write })
            .AllowAnonymous().WithTags("Health");
        return app;
    }

    private static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return JsonSerializer.SerializeAsync(context.Response.Body, HealthResponse.From(report), json, context.RequestAborted);
    }
}

/// <summary>The answer of <c>/health/live</c> and <c>/health/ready</c>: 200 while healthy (or degraded), 503 when unhealthy.</summary>
/// <param name="Status">The worst status of the checks.</param>
/// <param name="Checks">Each check (readiness: <c>database</c>, <c>jobs</c>); none for liveness.</param>
public sealed record HealthResponse(HealthStatus Status, IReadOnlyList<HealthCheckResponse> Checks)
{
    public static HealthResponse From(HealthReport report) =>
        new(report.Status, report.Entries.Select(e => new HealthCheckResponse(e.Key, e.Value.Status, e.Value.Description)).ToList());
}

/// <summary>One check of the readiness answer.</summary>
/// <param name="Name">What was checked.</param>
/// <param name="Status">Its status.</param>
/// <param name="Description">What the check found, when it says.</param>
public sealed record HealthCheckResponse(string Name, HealthStatus Status, string? Description);
