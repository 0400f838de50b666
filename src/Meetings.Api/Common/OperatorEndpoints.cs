using System.Net;
using Meetings.Api.Jobs;
using Meetings.Domain.Directory;
using Meetings.Infrastructure.Jobs;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Common;

/// <summary>
/// The operator's endpoints — <c>/metrics</c> (<see cref="MetricsSetup"/>) and <c>/hangfire</c>
/// (<see cref="JobsDashboard"/>), each with every path below it — behind one gate, which decides who may ask before
/// either of them sees the request. The gate knows a path however it is spelt: in any case, with doubled, trailing or
/// back slashes, dot segments, percent-encoded letters or slashes (<c>/%6Detrics</c>, <c>/metrics%2F</c>), under any
/// path base — so no spelling that one of them would serve, now or after an upgrade, slips past it; what it lets
/// through is then served at the exact path only (the exporter at <c>/metrics</c>, the dashboard below
/// <c>/hangfire</c>). Who may: the metrics a local request, or an admin key from anywhere; the dashboard an admin key
/// (<c>X-Api-Key</c>, or HTTP Basic with the key as password) from a local request, or from anywhere with
/// <c>Jobs:Dashboard:AllowRemote</c>. Refused: 401 without a key, 403 with another key or from another machine.
/// "Local" is the client address after the named proxies (<see cref="ReverseProxy"/>). Runs after authentication.
/// </summary>
internal static class OperatorEndpoints
{
    public enum Kind
    {
        None,
        Metrics,
        Dashboard,
    }

    public static WebApplication UseOperatorEndpoints(this WebApplication app)
    {
        var jobs = app.Services.GetRequiredService<IOptions<JobsOptions>>();
        var admin = Auth.Roles.Of(ApiKeyRole.Admin);
        app.Use(async (context, next) =>
        {
            var kind = Of(context.Request);
            if (kind == Kind.None || await Admits(context, kind, admin, jobs.Value.Dashboard.AllowRemote))
            {
                await next(context);
            }
        });
        app.UseMeetingsJobsDashboard();
        app.UseMeetingsMetrics();
        return app;
    }

    /// <summary>
    /// Which operator endpoint a request is for, however its path is spelt: its first segment, read after
    /// percent-decoding until nothing is left to decode (a double encoding included), with back slashes as slashes,
    /// empty and dot segments skipped, in any case.
    /// </summary>
    public static Kind Of(HttpRequest request)
    {
        var path = request.PathBase.Value + request.Path.Value;
        for (var i = 0; i < 4 && path.Contains('%', StringComparison.Ordinal); i++)
        {
            path = Uri.UnescapeDataString(path);
        }

        var first = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(segment => segment is not ("." or ".."));
        return first?.ToLowerInvariant() switch
        {
            "metrics" => Kind.Metrics,
            "hangfire" => Kind.Dashboard,
            _ => Kind.None,
        };
    }

    /// <summary>Loopback or the server's own address (the client's, behind a named proxy).</summary>
    public static bool IsLocal(ConnectionInfo connection) => connection.RemoteIpAddress is { } remote
        && (IPAddress.IsLoopback(remote) || remote.Equals(connection.LocalIpAddress));

    private static async Task<bool> Admits(HttpContext context, Kind kind, string admin, bool dashboardFromAnywhere)
    {
        var isAdmin = context.User.IsInRole(admin);
        var local = IsLocal(context.Connection);
        if (kind == Kind.Metrics ? local || isAdmin : isAdmin && (local || dashboardFromAnywhere))
        {
            return true;
        }

        var what = kind == Kind.Metrics ? "The metrics answer requests from this machine, or an admin key in X-Api-Key."
            : "The job dashboard is for admins: send an admin key in X-Api-Key, or as the password of HTTP Basic.";
        if (context.User.Identity?.IsAuthenticated == true && !isAdmin)
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Outside the key's scope.", what);
        }
        else if (!isAdmin)
        {
            if (kind == Kind.Dashboard)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"Meetings jobs\", charset=\"UTF-8\"";
            }

            await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "An admin key is required.", what);
        }
        else
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Local requests only.",
                "The job dashboard answers requests from this machine only (Jobs:Dashboard:AllowRemote is off).");
        }

        return false;
    }
}
