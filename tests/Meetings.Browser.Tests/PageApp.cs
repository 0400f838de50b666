using System.Net;
using System.Text.RegularExpressions;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Meetings.Browser.Tests;

/// <summary>
/// The service on a real port of 127.0.0.1 (Kestrel), sending to its own SMTP server, with the personal links in its
/// mails pointing at itself — and one Chromium (the Debian package) driven by Playwright. One per test class.
/// </summary>
public sealed partial class PageApp : MailingMeetingsApp, IAsyncLifetime
{
    /// <summary>Chromium as root on a machine without network: no sandbox, nothing that phones home.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly int _port = FreePort();
    private IPlaywright? _playwright;

    private const string ChromiumPath = "/usr/bin/chromium";

    public PageApp() => UseKestrel(_port);

    public string BaseUrl => $"http://127.0.0.1:{_port}";

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The browser tests drive Chromium at {ChromiumPath}: install the Debian package 'chromium' (apt-get install chromium).");
        }

        StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>A fresh browser context (its own cookies) and page; 360 px wide is a small phone.</summary>
    public async Task<IPage> NewPage(bool javaScript = true, int width = 1280, string locale = "de-DE")
    {
        var context = await Browser.NewContextAsync(new()
        {
            JavaScriptEnabled = javaScript,
            ViewportSize = new() { Width = width, Height = 800 },
            Locale = locale,
            BaseURL = BaseUrl,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>The personal link in the last mail <paramref name="email"/> received about the meeting (the plain-text part's).</summary>
    public string LinkInMail(string email, string meetingId)
    {
        var mail = Smtp.To(email, meetingId).Last();
        return PersonalLink().Match(mail.TextBody ?? string.Empty).Value;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mail:RsvpBaseUrl", $"{BaseUrl}/rsvp/");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/rsvp/[A-Za-z0-9_-]+(\?lang=en)?")]
    private static partial Regex PersonalLink();
}
