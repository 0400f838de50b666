using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Meetings.Api.Tests.Security;

/// <summary>
/// Issue 19: <c>/metrics</c> and every path below it, and <c>/hangfire</c> and every path below it, answer only as
/// stated — the metrics a local request or an admin key, the dashboard an admin key from a local request — however
/// the path is spelt. The remote client is one a named proxy forwards (<c>X-Forwarded-For</c>), as in
/// <see cref="KnownProxyTests"/>. The spellings with percent-encoded letters as Kestrel reads them:
/// <c>OperatorEndpointsOverKestrelTests</c>.
/// </summary>
public sealed class OperatorEndpointsTests(OperatorEndpointsTests.BehindProxyApp app) : IClassFixture<OperatorEndpointsTests.BehindProxyApp>
{
    private const string Proxy = "10.0.0.5";
    private const string Remote = "198.51.100.9";

    public static TheoryData<string> Spellings => new()
    {
        "/metrics", "/Metrics", "/METRICS", "/metrics/", "/Metrics/", "/metrics/x", "/metrics/x/y", "//metrics", "/metrics//",
        "/%6Detrics", "/%6detrics/", "/metrics%2F", "/metrics%2Fx", "/%2Fmetrics", "/metrics/.", "/metrics?x=1", "/metrics%252F",
        "/hangfire", "/Hangfire", "/HANGFIRE/", "/hangfire/", "/hangfire/jobs/enqueued", "/hangfire/stats", "/hangfire/recurring",
        "//hangfire", "/hangfire//", "/%68angfire", "/hangfire%2Fjobs%2Fenqueued", "/%2Fhangfire", "/HangFire/js", "/hangfire/css",
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task A_remote_client_without_a_key_gets_nothing_of_an_operator_path_however_it_is_spelt(string path)
    {
        using var response = await ForwardedHeadersTests.From(app, Proxy, Remote, key: null).GetAsync(path);

        await AssertNothingIn(response, path, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task A_remote_department_key_gets_nothing_of_an_operator_path_however_it_is_spelt(string path)
    {
        using var response = await ForwardedHeadersTests.From(app, Proxy, Remote, key: await DepartmentKey()).GetAsync(path);

        await AssertNothingIn(response, path, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/Hangfire/jobs/enqueued")]
    [InlineData("/hangfire%2Frecurring")]
    public async Task A_remote_admin_key_gets_no_dashboard_page(string path)
    {
        using var response = await ForwardedHeadersTests.From(app, Proxy, Remote).GetAsync(path);

        await AssertNothingIn(response, path, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_metrics_answer_a_local_request_and_a_remote_admin_key()
    {
        using var local = await ForwardedHeadersTests.From(app, Proxy, "127.0.0.1", key: null).GetAsync("/metrics");
        using var direct = await app.Anonymous().GetAsync("/metrics");
        using var admin = await ForwardedHeadersTests.From(app, Proxy, Remote).GetAsync("/metrics");

        foreach (var response in new[] { local, direct, admin })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_dashboard_answers_an_admin_key_from_a_local_request()
    {
        using var viaProxy = await ForwardedHeadersTests.From(app, Proxy, "127.0.0.1").GetAsync("/hangfire");
        using var direct = await app.Admin().GetAsync("/hangfire/recurring");

        Assert.Equal(HttpStatusCode.OK, viaProxy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.Contains("Hangfire", await direct.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_exporter_answers_at_its_own_path_only_also_for_a_local_request()
    {
        using var own = await app.Anonymous().GetAsync("/metrics");
        using var below = await app.Anonymous().GetAsync("/metrics/x");
        using var slash = await app.Admin().GetAsync("/metrics/");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.DoesNotContain("# TYPE", await below.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("# TYPE", await slash.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, below.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, slash.StatusCode);
    }

    /// <summary>Refused as <paramref name="expected"/> by the gate, or not found: never a page, a figure or a script of either.</summary>
    private static async Task AssertNothingIn(HttpResponseMessage response, string path, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == expected || response.StatusCode == HttpStatusCode.NotFound,
            $"{path}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        Assert.DoesNotContain("# TYPE", body, StringComparison.Ordinal);
        Assert.DoesNotContain("meetings_mail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<string> DepartmentKey()
    {
        var admin = app.Admin();
        var (_, key) = await admin.CreateKey("department", await admin.CreateDepartment());
        return key;
    }

    public sealed class BehindProxyApp : MeetingsApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ReverseProxy:KnownProxies", Proxy);
        }
    }
}

#if !POSTGRES // a process of its own: what it shows does not depend on the provider
/// <summary>
/// The same gate behind Kestrel, which decodes percent-encoded letters before anyone reads the path (but not
/// <c>%2F</c>): request lines sent as they are, through a named proxy (<c>127.0.0.1</c>) that forwards a remote client.
/// </summary>
public sealed class OperatorEndpointsOverKestrelTests : IDisposable
{
    private const string Key = "operator-paths-admin-key-of-forty-characters";
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("meetings-operator-").FullName;

    [Fact]
    public async Task Kestrel_hands_the_gate_every_spelling_and_only_local_or_admin_requests_get_the_figures()
    {
        var port = FreePort();
        using var service = ServiceRun.Start(_folder, port, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Meetings"] = $"Data Source={Path.Combine(_folder, "meetings.db")}",
            ["Auth__BootstrapAdminKey"] = Key,
            ["Mail__From"] = "amtsleitung@augsburg.example",
            ["Mail__PickupDirectory"] = Path.Combine(_folder, "outbox"),
            ["ReverseProxy__KnownProxies"] = "127.0.0.1",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await WaitLive(port, service);
        string[] spellings =
        [
            "/metrics", "/%6Detrics", "/%6detrics/", "/%4D%45%54%52%49%43%53", "/metrics%2F", "/metrics%2f..%2f", "//metrics", "/./metrics",
            "/x/../metrics", "/metrics/%2e", "/hangfire", "/%68angfire", "/%48angfire/jobs/enqueued", "/hangfire%2Frecurring", "//hangfire/",
        ];

        var remote = new List<(string Path, string Answer)>();
        foreach (var path in spellings)
        {
            remote.Add((path, await Send(port, path, "X-Forwarded-For: 198.51.100.7")));
        }

        var local = await Send(port, "/%6Detrics", "X-Forwarded-For: 127.0.0.1");
        var admin = await Send(port, "/metrics", "X-Forwarded-For: 198.51.100.7", $"X-Api-Key: {Key}");

        Assert.All(remote, r =>
        {
            Assert.Matches(@"^HTTP/1\.1 (401|403|404) ", r.Answer);
            Assert.DoesNotContain("# TYPE", r.Answer, StringComparison.Ordinal);
        });
        Assert.StartsWith("HTTP/1.1 200 ", local, StringComparison.Ordinal);
        Assert.Contains("# TYPE", local, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200 ", admin, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open; the temp folder is cleaned eventually.
        }
    }

    /// <summary>One request line as it is (no client normalises it), the whole answer as text.</summary>
    private static async Task<string> Send(int port, string target, params string[] headers)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        await using var stream = client.GetStream();
        var request = $"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{string.Concat(headers.Select(h => h + "\r\n"))}Connection: close\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task WaitLive(int port, ServiceRun service)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 240; i++)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("the service did not become ready:\n" + service.Output);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
#endif
