using System.Net;
using Meetings.Infrastructure.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Common;

/// <summary>
/// Forwarded headers from the proxies the operator names, and from nobody else: <c>ReverseProxy:KnownProxies</c>
/// (addresses) and <c>ReverseProxy:KnownNetworks</c> (CIDR, e.g. <c>10.0.0.0/24</c>), each a list or one value
/// separated by commas. <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are honoured from those peers only — then
/// the client address is the one they forwarded (for the rate limits and the job dashboard's local-only rule). The
/// rule holds also with <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>, which on its own would trust every peer:
/// the options are post-configured here, after ASP.NET Core's own setup. No proxy named: no forwarded header counts.
/// A value that is no address or network stops the service at start, naming the setting (<see cref="Check"/>).
/// </summary>
internal static class ReverseProxy
{
    public static IServiceCollection AddMeetingsReverseProxy(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IConfiguration>((options, configuration) => Settings.From(configuration).Apply(options))
            .CheckedBy<ForwardedHeadersOptions, Check>();
        return services;
    }

    /// <summary>First in the pipeline when a proxy is named (unless the environment switch runs the same middleware already).</summary>
    public static WebApplication UseMeetingsForwardedHeaders(this WebApplication app)
    {
        var settings = Settings.From(app.Configuration); // a wrong value is left out here and stops the start (Check)
        var switchedOn = string.Equals(app.Configuration["ForwardedHeaders_Enabled"], "true", StringComparison.OrdinalIgnoreCase);
        if (settings.Any && !switchedOn)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    /// <summary><c>ReverseProxy:KnownProxies</c> and <c>ReverseProxy:KnownNetworks</c>, checked at start (<see cref="SettingChecks"/>).</summary>
    private sealed class Check(IConfiguration configuration) : IValidateOptions<ForwardedHeadersOptions>
    {
        public ValidateOptionsResult Validate(string? name, ForwardedHeadersOptions options) =>
            Settings.From(configuration).Wrong is { Count: > 0 } wrong ? ValidateOptionsResult.Fail(wrong) : ValidateOptionsResult.Success;
    }

    /// <summary>The proxies and networks that read, and a failure for each value that does not.</summary>
    private sealed record Settings(IReadOnlyList<IPAddress> Proxies, IReadOnlyList<System.Net.IPNetwork> Networks, IReadOnlyList<string> Wrong)
    {
        public bool Any => Proxies.Count > 0 || Networks.Count > 0;

        public static Settings From(IConfiguration configuration)
        {
            var proxies = Values(configuration, "ReverseProxy:KnownProxies").ToList();
            var networks = Values(configuration, "ReverseProxy:KnownNetworks").ToList();
            var wrong = proxies.Where(v => !IPAddress.TryParse(v, out _))
                .Select(v => SettingChecks.Wrong("ReverseProxy:KnownProxies", "IP addresses such as 10.0.0.5, separated by commas", v))
                .Concat(networks.Where(v => !System.Net.IPNetwork.TryParse(v, out _))
                    .Select(v => SettingChecks.Wrong("ReverseProxy:KnownNetworks", "networks in CIDR notation such as 10.0.0.0/24, separated by commas", v)))
                .ToList();
            return new(
                proxies.Select(v => IPAddress.TryParse(v, out var address) ? address : null).OfType<IPAddress>().ToList(),
                networks.Select(v => System.Net.IPNetwork.TryParse(v, out var network) ? network : (System.Net.IPNetwork?)null).OfType<System.Net.IPNetwork>().ToList(),
                wrong);
        }

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
