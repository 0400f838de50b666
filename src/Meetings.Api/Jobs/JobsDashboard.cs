using System.Net;
using Hangfire;
using Hangfire.Dashboard;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Domain.Directory;
using Meetings.Infrastructure.Jobs;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Jobs;

/// <summary>
/// <c>/hangfire</c>, Hangfire's dashboard: an admin key (the <c>X-Api-Key</c> header, or HTTP Basic with the key as
/// password so a browser can ask for it) and, unless <c>Jobs:Dashboard:AllowRemote</c>, a local request. Runs after
/// authentication and before the endpoints' authorization. The jobs themselves are registered in
/// <see cref="JobsRegistration"/>.
/// </summary>
internal static class JobsDashboard
{
    public static WebApplication UseMeetingsJobsDashboard(this WebApplication app)
    {
        var access = new DashboardGate(app.Services.GetRequiredService<IOptions<JobsOptions>>());
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/hangfire"), branch => branch.Use(access.InvokeAsync));
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [access],
            DashboardTitle = "Meetings – Jobs",
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    private sealed class DashboardGate(IOptions<JobsOptions> options) : IDashboardAuthorizationFilter
    {
        private static readonly string Admin = Roles.Of(ApiKeyRole.Admin);

        public async Task InvokeAsync(HttpContext context, Func<Task> next)
        {
            if (context.User.Identity?.IsAuthenticated == true && !context.User.IsInRole(Admin))
            {
                await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Outside the key's scope.", "The job dashboard is for admin keys only.");
                return;
            }

            if (!context.User.IsInRole(Admin))
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"Meetings jobs\", charset=\"UTF-8\"";
                await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "An admin key is required.",
                    "The job dashboard is for admins: send an admin key in X-Api-Key, or as the password of HTTP Basic.");
                return;
            }

            if (!IsAllowedFrom(context))
            {
                await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Local requests only.",
                    "The job dashboard answers requests from this machine only (Jobs:Dashboard:AllowRemote is off).");
                return;
            }

            await next();
        }

        /// <summary>The same rule, checked again by Hangfire itself.</summary>
        public bool Authorize(DashboardContext context)
        {
            var http = context.GetHttpContext();
            return http.User.IsInRole(Admin) && IsAllowedFrom(http);
        }

        private bool IsAllowedFrom(HttpContext context) => options.Value.Dashboard.AllowRemote || IsLocal(context.Connection);

        /// <summary>Loopback or the server's own address. Behind a proxy this needs forwarded headers (README).</summary>
        private static bool IsLocal(ConnectionInfo connection) => connection.RemoteIpAddress is { } remote
            && (IPAddress.IsLoopback(remote) || remote.Equals(connection.LocalIpAddress));
    }
}
