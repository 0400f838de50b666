#if !POSTGRES // the process-level tests run on SQLite only: what they show does not depend on the provider
using System.Net;
using System.Net.Sockets;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Infrastructure.Mail;
using MimeKit;

namespace Meetings.Api.Tests.Platform;

/// <summary>The service started as an operator starts it: its own process, Kestrel on a port of loopback.</summary>
public sealed class StartupTests : IDisposable
{
    private const string Key = "startup-test-admin-key-of-forty-characters";
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("meetings-startup-").FullName;

    private string DatabaseFile => Path.Combine(_folder, "meetings.db");

    [Fact]
    public async Task A_port_that_is_taken_ends_the_start_with_one_line_and_the_database_untouched()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        using var service = ServiceRun.Start(_folder, port, Settings());
        var exited = await service.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exited, "the service should stop by itself:\n" + service.Output);
        Assert.Equal(1, service.ExitCode);
        var reason = Assert.Single(service.Lines, l => l.Contains("The service cannot start", StringComparison.Ordinal));
        Assert.Contains($"http://127.0.0.1:{port}: address already in use", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(service.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal)); // no stack trace
        Assert.DoesNotContain(service.Lines, l => l.StartsWith("fail:", StringComparison.Ordinal));
        Assert.Single(service.Lines, l => l.StartsWith("crit:", StringComparison.Ordinal)); // the one line's, nothing from the group commit
        Assert.False(File.Exists(DatabaseFile), "nothing is seeded or migrated before the port is bound");
    }

    [Fact]
    public async Task Without_Mail_RsvpBaseUrl_the_links_in_mails_follow_the_port_the_service_listens_on()
    {
        var port = FreePort();
        using var service = ServiceRun.Start(_folder, port, Settings());
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        admin.DefaultRequestHeaders.Add("X-Api-Key", Key);
        await WaitReady(admin, service);

        var department = await admin.CreateDepartment();
        await admin.CreatePublished(await admin.CreateSeries(), DateTimeOffset.UtcNow.AddDays(30));
        var head = (await (await admin.GetAsync($"/api/departments/{department}")).Json(HttpStatusCode.OK)).GetProperty("head").Str("email");
        var mail = await WaitForMail(head);

        Assert.Contains($"http://127.0.0.1:{port}/rsvp/", mail.TextBody, StringComparison.Ordinal);
        Assert.Single(service.Lines, l => l.Contains($"Mail links start with http://127.0.0.1:{port}/rsvp/", StringComparison.Ordinal));
        Assert.Empty(WarningsAndErrors(service));
    }

    [Fact]
    public async Task A_first_development_start_sends_the_demo_meetings_invitations_with_links_that_open_the_answer_page()
    {
        var port = FreePort();
        var settings = Settings();
        settings["ASPNETCORE_ENVIRONMENT"] = "Development"; // as `dotnet run` starts it: scopes validated, the demo data on
        settings.Remove("Seed__Demo");
        using var service = ServiceRun.Start(_folder, port, settings);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        await WaitReady(http, service);

        var mail = await WaitForMail("julia.hoffmann@augsburg.example"); // the head of department 12 in the demo data
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? string.Empty, $@"http://127\.0\.0\.1:{port}/rsvp/[A-Za-z0-9_-]+").Value;
        var page = await http.GetAsync(new Uri(link).PathAndQuery);

        Assert.StartsWith("Einladung", mail.Subject, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Die E-Akte in allen", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(WarningsAndErrors(service));
    }

    [Fact]
    public async Task Started_from_a_folder_of_its_own_the_answer_page_still_has_its_style_and_icon()
    {
        var port = FreePort();
        using var service = ServiceRun.Start(_folder, port, Settings()); // the working directory holds only the data
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        await WaitReady(http, service);

        var style = await http.GetAsync("/css/answer.css");
        var icon = await http.GetAsync("/favicon.svg");

        Assert.Equal(HttpStatusCode.OK, style.StatusCode);
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
        Assert.Contains("font", await style.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Empty(WarningsAndErrors(service));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/rsvp/")]
    [InlineData("http://localhost:8080", "http://localhost:8080/rsvp/")]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080/rsvp/")]
    [InlineData("http://[::]:8080", "http://localhost:8080/rsvp/")]
    [InlineData("http://*:8080", "http://localhost:8080/rsvp/")]
    [InlineData("http://+:8080", "http://localhost:8080/rsvp/")]
    [InlineData("http://[::1]:8080", "http://[::1]:8080/rsvp/")]
    [InlineData("http://localhost:8080 https://meetings.stadt.example:8443", "https://meetings.stadt.example:8443/rsvp/")]
    [InlineData("", "http://localhost:5080/rsvp/")]
    public void The_link_base_is_the_listening_address_https_first_and_localhost_for_a_wildcard(string addresses, string expected)
    {
        Assert.Equal(expected, LinkBaseFromServer.From(addresses.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>The log's warnings and errors, each with its message line.</summary>
    private static List<string> WarningsAndErrors(ServiceRun service)
    {
        var lines = service.Lines.ToList();
        return lines.Select((line, n) => (line, message: n + 1 < lines.Count ? lines[n + 1] : string.Empty))
            .Where(l => l.line.StartsWith("warn:", StringComparison.Ordinal) || l.line.StartsWith("fail:", StringComparison.Ordinal))
            .Select(l => l.line + " " + l.message.Trim())
            .ToList();
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

    private Dictionary<string, string> Settings() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__Meetings"] = $"Data Source={DatabaseFile}",
        ["Auth__BootstrapAdminKey"] = Key,
        ["Seed__Demo"] = "true",
        ["Jobs__PollingIntervalSeconds"] = "1",
        ["Mail__PickupDirectory"] = Path.Combine(_folder, "outbox"),
        ["Mail__From"] = "amtsleitung@augsburg.example",
    };

    private async Task<MimeMessage> WaitForMail(string to)
    {
        var outbox = Path.Combine(_folder, "outbox");
        for (var i = 0; i < 120; i++)
        {
            if (System.IO.Directory.Exists(outbox))
            {
                foreach (var file in System.IO.Directory.GetFiles(outbox, "*.eml"))
                {
                    MimeMessage message;
                    try
                    {
                        message = await MimeMessage.LoadAsync(file);
                    }
                    catch (IOException)
                    {
                        continue; // still being written (the service holds it): the next look
                    }

                    if (message.To.Mailboxes.Any(m => m.Address == to))
                    {
                        return message;
                    }
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"no mail to {to} in {outbox}");
    }

    private static async Task WaitReady(HttpClient http, ServiceRun service)
    {
        for (var i = 0; i < 240; i++)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("the service did not become ready:\n" + service.Output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
#endif
