using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Meetings.Api.Common;

/// <summary>
/// Forwarded headers from the proxies the operator names, and from nobody else: <c>ReverseProxy:KnownProxies</c>
/// (addresses) and <c>ReverseProxy:KnownNetworks</c> (CIDR, e.g. <c>10.0.0.0/24</c>), each a list or one value
/// separated by commas. <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are honoured from those peers only — then
/// the client address is the one they forwarded (for the rate limits and the job dashboard's local-only rule). The
/// rule holds also with <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>, which on its own would trust every peer:
/// the options are post-configured here, after ASP.NET Core's own setup. No proxy named: no forwarded header counts.
/// A value that is no address or network stops the service at start, naming the setting.
/// </summary>
internal static class ReverseProxy
{
    public static IServiceCollection AddMeetingsReverseProxy(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IConfiguration>((options, configuration) => Settings.From(configuration).Apply(options));
        return services;
    }

    /// <summary>First in the pipeline when a proxy is named (unless the environment switch runs the same middleware already).</summary>
    public static WebApplication UseMeetingsForwardedHeaders(this WebApplication app)
    {
        var settings = Settings.From(app.Configuration); // a wrong value stops the service here, at start
        var switchedOn = string.Equals(app.Configuration["ForwardedHeaders_Enabled"], "true", StringComparison.OrdinalIgnoreCase);
        if (settings.Any && !switchedOn)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private sealed record Settings(IReadOnlyList<IPAddress> Proxies, IReadOnlyList<System.Net.IPNetwork> Networks)
    {
        public bool Any => Proxies.Count > 0 || Networks.Count > 0;

        public static Settings From(IConfiguration configuration) => new(
            Values(configuration, "ReverseProxy:KnownProxies").Select(v => IPAddress.TryParse(v, out var address) ? address
                : throw new InvalidOperationException($"ReverseProxy:KnownProxies: '{v}' is not an IP address.")).ToList(),
            Values(configuration, "ReverseProxy:KnownNetworks").Select(v => System.Net.IPNetwork.TryParse(v, out var network) ? network
                : throw new InvalidOperationException($"ReverseProxy:KnownNetworks: '{v}' is not a network in CIDR notation (such as 10.0.0.0/24).")).ToList());

        public void Apply(ForwardedHeadersOptions options)
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            if (!Any)
            {
                // Empty lists would mean "trust every peer" to the middleware: nothing is forwarded instead.
                options.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }

            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = null; // as many hops as named proxies forwarded; the first unnamed one ends the walk
            foreach (var proxy in Proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in Networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        }

        private static IEnumerable<string> Values(IConfiguration configuration, string key)
        {
            var section = configuration.GetSection(key);
            return new[] { section.Value }.Concat(section.GetChildren().Select(c => c.Value)).OfType<string>()
                .SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
    }
}
