using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.WebEncoders;

namespace Meetings.Api.Common;

/// <summary>
/// The personal pages (the answer page <c>/rsvp/{token}</c> and the date poll's <c>/poll/{token}</c>, Razor Pages under
/// Pages/): their languages (the person's, <see cref="PersonalLinkLanguage"/>; <c>?lang=en|de</c> switches; never the
/// browser's <c>Accept-Language</c>), their static files, and the headers of every response under <c>/rsvp</c> and <c>/poll</c>:
/// the URL is the secret, so it is never cached, never sent on as a referrer and never indexed, and the page runs no
/// script at all.
/// </summary>
internal static class AnswerPageSetup
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("de"), CultureInfo.GetCultureInfo("en")];

    public static IServiceCollection AddMeetingsAnswerPage(this IServiceCollection services)
    {
        services.AddRazorPages();
        // Umlauts and the like as they are, not as numeric entities (the page and its sources stay readable).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
                new PersonalLinkLanguage(), // the person's language; never the browser's Accept-Language (SPEC "Personal answer page")
            ];
        });
        return services;
    }

    public static WebApplication UseMeetingsAnswerPage(this WebApplication app)
    {
        // The page's style and icon are part of the assembly (Pages/Assets), so that the page looks the same wherever the
        // service is started from: an operator's working directory holds the data, not a wwwroot.
        app.Environment.WebRootFileProvider = new EmbeddedFileProvider(typeof(AnswerPageSetup).Assembly, "Meetings.Api.Pages.Assets");
        app.UseStaticFiles();
        app.UseWhen(IsPersonalPage, page =>
        {
            page.Use((context, next) =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-cache, no-store"; // as antiforgery sets it for a form (which otherwise logs that it overrode ours)
                headers.Pragma = "no-cache";
                headers["X-Robots-Tag"] = "noindex, nofollow";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                return next(context);
            });
        });
        return app;
    }

    /// <summary>
    /// The personal pages' language: after the rate limiter (<see cref="ApiComposition.UseMeetingsApi"/>), because finding
    /// the person's language reads the database by the link's token — a guessed token is answered 429 before it costs a
    /// query.
    /// </summary>
    public static WebApplication UseMeetingsAnswerPageLanguage(this WebApplication app)
    {
        app.UseWhen(IsPersonalPage, page => page.UseRequestLocalization());
        return app;
    }

    private static bool IsPersonalPage(HttpContext c) => c.Request.Path.StartsWithSegments("/rsvp") || c.Request.Path.StartsWithSegments("/poll");
}
