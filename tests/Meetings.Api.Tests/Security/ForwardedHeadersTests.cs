using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Meetings.Api.Tests.Security;

/// <summary>
/// Finding 6 of the security review: <c>X-Forwarded-For</c> from anyone. Forwarded headers count only from the peers
/// the operator names (<c>ReverseProxy:KnownProxies</c>, <c>ReverseProxy:KnownNetworks</c>), also when
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> is set, as the README used to advise.
/// </summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.EnvironmentSwitchApp app) : IClassFixture<ForwardedHeadersTests.EnvironmentSwitchApp>
{
    internal static HttpClient From(MeetingsApp app, string peer, string? forwardedFor, string? key = MeetingsApp.AdminKey)
    {
        var client = key is null ? app.Anonymous() : app.WithKey(key);
        client.DefaultRequestHeaders.Add(MeetingsApp.RemoteAddressHeader, peer);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        return client;
    }

    [Fact]
    public async Task With_the_environment_switch_on_a_peer_nobody_named_cannot_claim_to_be_local()
    {
        var response = await From(app, "203.0.113.7", "127.0.0.1").GetAsync("/hangfire");

        await response.Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task With_the_environment_switch_on_a_forged_client_address_does_not_escape_the_rate_limit()
    {
        for (var i = 0; i < 3; i++)
        {
            await (await From(app, "203.0.113.8", $"198.51.100.{i}", key: null).GetAsync("/api/rsvp/guessed-token")).Problem(HttpStatusCode.NotFound);
        }

        var limited = await From(app, "203.0.113.8", "198.51.100.99", key: null).GetAsync("/api/rsvp/guessed-token");

        await limited.Problem(HttpStatusCode.TooManyRequests);
    }

    /// <summary>The service as the README's old advice left it: ASPNETCORE_FORWARDEDHEADERS_ENABLED=true and no proxy named.</summary>
    public sealed class EnvironmentSwitchApp : MeetingsApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ForwardedHeaders_Enabled", "true");
            builder.UseSetting("RateLimiting:RsvpToken:PermitLimit", "3");
            builder.UseSetting("RateLimiting:RsvpToken:WindowSeconds", "600");
        }
    }
}

public sealed class KnownProxyTests(KnownProxyTests.BehindProxyApp app) : IClassFixture<KnownProxyTests.BehindProxyApp>
{
    private const string Proxy = "10.0.0.5";

    [Theory]
    [InlineData(Proxy)]
    [InlineData("192.168.10.20")] // in ReverseProxy:KnownNetworks
    public async Task A_named_proxy_names_the_client(string proxy)
    {
        var local = await ForwardedHeadersTests.From(app, proxy, "127.0.0.1").GetAsync("/hangfire");
        var remote = await ForwardedHeadersTests.From(app, proxy, "198.51.100.9").GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        await remote.Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_peer_outside_the_named_ones_is_its_own_client_whatever_it_forwards()
    {
        var response = await ForwardedHeadersTests.From(app, "192.168.11.20", "127.0.0.1").GetAsync("/hangfire");

        await response.Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Two_clients_behind_the_proxy_have_a_rate_limit_each()
    {
        for (var i = 0; i < 3; i++)
        {
            await (await ForwardedHeadersTests.From(app, Proxy, "198.51.100.20", key: null).GetAsync($"/api/rsvp/guess-{i}")).Problem(HttpStatusCode.NotFound);
        }

        var first = await ForwardedHeadersTests.From(app, Proxy, "198.51.100.20", key: null).GetAsync("/api/rsvp/guess-3");
        var second = await ForwardedHeadersTests.From(app, Proxy, "198.51.100.21", key: null).GetAsync("/api/rsvp/guess-4");

        await first.Problem(HttpStatusCode.TooManyRequests);
        await second.Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public void A_proxy_setting_that_is_no_address_stops_the_service_with_the_reason()
    {
        using var broken = new BrokenProxySettingApp();

        Assert.ThrowsAny<Exception>(() => broken.CreateClient());

        Assert.Contains(broken.Errors.All, e => e.Contains("The service cannot start: ReverseProxy:KnownNetworks", StringComparison.Ordinal) && e.Contains("it is 'proxy'", StringComparison.Ordinal));
    }

    public sealed class BehindProxyApp : MeetingsApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ReverseProxy:KnownProxies", Proxy);
            builder.UseSetting("ReverseProxy:KnownNetworks", "192.168.10.0/24");
            builder.UseSetting("RateLimiting:UnknownToken:PermitLimit", "3");
            builder.UseSetting("RateLimiting:UnknownToken:WindowSeconds", "600");
        }
    }

    private sealed class BrokenProxySettingApp : MeetingsApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ReverseProxy:KnownNetworks", "the proxy");
        }
    }
}

/// <summary>The environment switch and a named proxy together: the switch's middleware honours the named proxy alone.</summary>
public sealed class EnvironmentSwitchWithProxyTests(EnvironmentSwitchWithProxyTests.BothApp app) : IClassFixture<EnvironmentSwitchWithProxyTests.BothApp>
{
    [Fact]
    public async Task With_the_environment_switch_on_the_named_proxy_and_no_one_else_names_the_client()
    {
        var viaProxy = await ForwardedHeadersTests.From(app, "10.0.0.5", "127.0.0.1").GetAsync("/hangfire");
        var direct = await ForwardedHeadersTests.From(app, "203.0.113.9", "127.0.0.1").GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, viaProxy.StatusCode);
        await direct.Problem(HttpStatusCode.Forbidden);
    }

    public sealed class BothApp : MeetingsApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ForwardedHeaders_Enabled", "true");
            builder.UseSetting("ReverseProxy:KnownProxies", "10.0.0.5");
        }
    }
}
