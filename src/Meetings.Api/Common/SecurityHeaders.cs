namespace Meetings.Api.Common;

/// <summary>
/// Response headers that keep browsers from doing what the service never means: <c>X-Content-Type-Options: nosniff</c>
/// on every response (errors included); <c>Cache-Control: no-store</c> on the responses of endpoints marked
/// <see cref="NoStore{TBuilder}"/> (they carry a plain key, a token or what a personal link shows); <c>X-Frame-Options:
/// DENY</c> and <c>Content-Security-Policy: frame-ancestors 'none'</c> on pages that must not be framed — the endpoints
/// marked <see cref="DenyFraming{TBuilder}"/> (the answer page, when it comes) and the paths of the HTML surfaces that
/// are not endpoints (<see cref="UnframedPaths"/>: the job dashboard, Swagger UI). The decision is taken when the
/// response starts, from the endpoint that was routed — also when the exception handler has cleared it since.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>HTML surfaces mounted as middleware, not endpoints.</summary>
    public static readonly PathString[] UnframedPaths = ["/hangfire", "/swagger"];

    private const string RoutedKey = "meetings:routed-endpoint";

    public static TBuilder NoStore<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(NoStoreMetadata.Instance);

    public static TBuilder DenyFraming<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(DenyFramingMetadata.Instance);

    /// <summary>First in the pipeline: every response gets its headers when it starts (the path as it came: a branch such as the dashboard's moves it).</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var unframed = UnframedPaths.Any(p => context.Request.Path.StartsWithSegments(p));
        context.Response.OnStarting(() =>
        {
            Apply(context, unframed);
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>Right after routing: remembers the endpoint, which the exception handler clears before writing a problem.</summary>
    public static IApplicationBuilder UseSecurityHeaderEndpoint(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.GetEndpoint() is { } endpoint)
        {
            context.Items[RoutedKey] = endpoint;
        }

        return next(context);
    });

    /// <summary>The endpoint that was routed, also after the exception handler has cleared it.</summary>
    public static Endpoint? RoutedEndpoint(HttpContext context) => context.GetEndpoint() ?? context.Items[RoutedKey] as Endpoint;

    private static void Apply(HttpContext context, bool unframedPath)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        var endpoint = RoutedEndpoint(context);
        if (endpoint?.Metadata.GetMetadata<NoStoreMetadata>() is not null)
        {
            headers.CacheControl = "no-store";
        }

        if (endpoint?.Metadata.GetMetadata<DenyFramingMetadata>() is not null || unframedPath)
        {
            headers.XFrameOptions = "DENY";
            var policy = headers.ContentSecurityPolicy.ToString();
            if (!policy.Contains("frame-ancestors", StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentSecurityPolicy = policy.Length == 0 ? "frame-ancestors 'none'" : $"{policy.TrimEnd(' ', ';')}; frame-ancestors 'none'";
            }
        }
    }

    private sealed class NoStoreMetadata
    {
        public static readonly NoStoreMetadata Instance = new();
    }

    private sealed class DenyFramingMetadata
    {
        public static readonly DenyFramingMetadata Instance = new();
    }
}
