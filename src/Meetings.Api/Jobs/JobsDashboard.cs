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
/// password so a browser can ask for it — here and nowhere else) and, unless <c>Jobs:Dashboard:AllowRemote</c>, a local
/// request — the gate of every operator endpoint decides that (<see cref="OperatorEndpoints"/>), and Hangfire checks it
/// again (<c>DashboardGate.Authorize</c>). A browser sends a remembered Basic password along with any request, also one another site makes it send:
/// so no state changes (POST: remove, trigger, delete, requeue) come from another site — a state change must show that
/// it comes from the dashboard's own pages (<c>Sec-Fetch-Site: same-origin</c>, or an <c>Origin</c> or <c>Referer</c> of
/// this very origin) unless it carries the key in <c>X-Api-Key</c>, which no other site can make a browser send. A
/// POST whose body is not a form is refused too (Hangfire would answer it with a 500). Runs after authentication and
/// before the endpoints' authorization, after the gate. The jobs themselves are registered in <see cref="JobsRegistration"/>.
/// </summary>
internal static class JobsDashboard
{
    public const string Path = "/hangfire";

    public static WebApplication UseMeetingsJobsDashboard(this WebApplication app)
    {
        var access = new DashboardGate(app.Services.GetRequiredService<IOptions<JobsOptions>>());
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Path), branch => branch.Use(access.InvokeAsync));
        app.UseHangfireDashboard(Path, new DashboardOptions
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
            // Who may ask was decided by the gate in front (OperatorEndpoints); here: what a browser may make it do.
            if (ChangesState(context.Request) && !FromTheDashboardItself(context.Request))
            {
                await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Not from the dashboard.",
                    "The job dashboard takes changes only from its own pages (same origin) or with the key in X-Api-Key.");
                return;
            }

            // Hangfire reads a form wherever it expects one, and fails (500) on anything else. Its own buttons post nothing
            // at all (no body, no Content-Type): that is an empty form.
            if (ChangesState(context.Request) && !context.Request.HasFormContentType)
            {
                if (!HasBody(context.Request))
                {
                    context.Request.ContentType = "application/x-www-form-urlencoded";
                }
                else
                {
                    await Problems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                        "The job dashboard takes form posts (application/x-www-form-urlencoded) only.");
                    return;
                }
            }

            if (!ChangesState(context.Request) && context.Request.Path.StartsWithSegments($"{Path}/stats"))
            {
                context.Response.Headers.Allow = HttpMethods.Post;
                await Problems.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed.", "The dashboard's figures are asked for with a form post.");
                return;
            }

            await next();
        }

        private static bool HasBody(HttpRequest request) =>
            request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0 || !string.IsNullOrEmpty(request.ContentType);

        private static bool ChangesState(HttpRequest request) =>
            !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

        /// <summary>
        /// A request a page of this origin made: the browser says so (<c>Sec-Fetch-Site</c>, or the origin in <c>Origin</c>,
        /// else <c>Referer</c>); or one that carries the key in <c>X-Api-Key</c>, a header another site cannot make a browser
        /// send (there is no CORS). Neither: refused, as a browser too old to tell would be.
        /// </summary>
        private static bool FromTheDashboardItself(HttpRequest request)
        {
            if (request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName))
            {
                return true;
            }

            var own = $"{request.Scheme}://{request.Host}";
            if (request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site)
            {
                return site == "same-origin";
            }

            if (request.Headers.Origin.ToString() is { Length: > 0 } origin)
            {
                return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase);
            }

            return Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
                   && string.Equals(referer.GetLeftPart(UriPartial.Authority), own, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The same rule, checked again by Hangfire itself.</summary>
        public bool Authorize(DashboardContext context)
        {
            var http = context.GetHttpContext();
            return http.User.IsInRole(Admin) && IsAllowedFrom(http);
        }

        private bool IsAllowedFrom(HttpContext context) => options.Value.Dashboard.AllowRemote || OperatorEndpoints.IsLocal(context.Connection);
    }
}
