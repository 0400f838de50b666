using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using MailKit.Net.Smtp;
using MimeKit;
using SmtpServer;
using SmtpServer.Storage;

namespace Meetings.Bench;

/// <summary>
/// 5,000 reminder mails: a meeting published to 1,000 departments with five reminder offsets that fall
/// due a few seconds later; the service (own process, Jobs:PollingIntervalSeconds=1) sends them to an
/// SMTP server on loopback. Rate = reminders / (last received − first received). Baseline: a bare
/// MailKit loop sending 5,000 messages of similar size over one connection to the same server.
/// </summary>
internal static class MailBenchmark
{
    public static async Task RunAsync(string apiDll)
    {
        await using var sink = new Sink();
        var folder = Directory.CreateTempSubdirectory("meetings-bench-mail-").FullName;
        const string key = "bench-admin-key";
        var port = Service.FreePort();
        using var api = Service.StartApi(apiDll, folder, key, port, new Dictionary<string, string>
        {
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail__From"] = "amtsleitung@augsburg.example",
            ["Jobs__PollingIntervalSeconds"] = "1",
        });
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", key);
        await Service.WaitReady(admin, "/health/ready");

        var city = await Service.Post(admin, "/api/cities", new { name = "Augsburg", kind = "host", contactEmail = "ob@augsburg.example" });
        var series = await Service.Post(admin, "/api/series", new
        {
            name = "Amtsleitungstreffen", hostCityId = city, organizerEmail = "direktorium@augsburg.example",
            hosts = new[] { new { name = "Oberbürgermeisterin", email = "ob@augsburg.example", title = "OB" } },
            defaultLocation = new { name = "Rathaus" },
        });
        foreach (var chunk in Enumerable.Range(1, 999).Chunk(8))
        {
            await Task.WhenAll(chunk.Select(i => Service.Post(admin, "/api/departments", new
            {
                code = $"A{i}", name = $"Amt {i}", head = new { name = $"Leitung {i}", email = $"leitung{i}@augsburg.example" },
            })));
        }

        var start = DateTimeOffset.UtcNow.AddMinutes(40);
        var meeting = await Service.Post(admin, "/api/meetings", new { seriesId = series, title = "Benchmark", startsAt = start.ToString("O") });
        // five offsets that fall due 40–44 s from now: 1,000 invitees × 5 = 5,000 reminders
        var offsets = Enumerable.Range(0, 5).Select(n => System.Xml.XmlConvert.ToString(TimeSpan.FromMinutes(40) - TimeSpan.FromSeconds(40 + n))).ToArray();
        (await admin.PutAsJsonAsync($"/api/meetings/{meeting}/reminders", new { offsets })).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/meetings/{meeting}/publish", null)).EnsureSuccessStatusCode();

        var deadline = Stopwatch.GetTimestamp() + (240 * Stopwatch.Frequency);
        while (sink.Reminders.Count < 5000 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(1000);
            Console.Error.WriteLine($"waiting: {sink.Reminders.Count} reminders, {sink.Others} other mails received");
        }

        api.Kill(entireProcessTree: true);
        var times = sink.Reminders.Order().ToList();
        var serviceRate = times.Count > 1 ? (times.Count - 1) / (times[^1] - times[0]).TotalSeconds : 0;

        var bare = await BareLoop(sink.Port, 5000);

        Console.WriteLine($"RESULT mail: reminders received {times.Count} of 5000 (plus {sink.Others} other mails: invitations)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT mail: service dispatch: {serviceRate:F0} mails/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT mail: bare MailKit loop, one connection: {bare:F0} mails/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT mail: ratio service/bare = {serviceRate / bare:F2}; targets: ≥ 200 mails/s and ≥ 0.5 of the bare loop"));
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Only the baseline, against the same kind of SMTP server.</summary>
    public static async Task RunBareAsync(int count)
    {
        await using var sink = new Sink();
        var rate = await BareLoop(sink.Port, count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT mail: bare MailKit loop, one connection: {rate:F0} mails/s"));
    }

    private static async Task<double> BareLoop(int port, int count)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", port, MailKit.Security.SecureSocketOptions.None);
        var body = new string('x', 3000);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var message = new MimeMessage { Subject = $"Bare {i}", Body = new TextPart("plain") { Text = body } };
            message.From.Add(MailboxAddress.Parse("amtsleitung@augsburg.example"));
            message.To.Add(MailboxAddress.Parse($"leitung{i}@augsburg.example"));
            await client.SendAsync(message);
        }

        var rate = count / Stopwatch.GetElapsedTime(started).TotalSeconds;
        await client.DisconnectAsync(true);
        return rate;
    }

    private sealed class Sink : MessageStore, IAsyncDisposable
    {
        private readonly SmtpServer.SmtpServer _server;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _running;
        private int _others;

        public Sink()
        {
            Port = Service.FreePort();
            var options = new SmtpServerOptionsBuilder().ServerName("localhost")
                .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false)).Build();
            var services = new SmtpServer.ComponentModel.ServiceProvider();
            services.Add(this);
            _server = new SmtpServer.SmtpServer(options, services);
            _running = _server.StartAsync(_stop.Token);
        }

        public int Port { get; }
        public ConcurrentBag<DateTime> Reminders { get; } = [];
        public int Others => _others;

        public override Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var head = System.Text.Encoding.UTF8.GetString(buffer.Slice(0, Math.Min(buffer.Length, 4000)).ToArray());
            if (head.Contains("X-Meetings-Kind: Reminder", StringComparison.Ordinal))
            {
                Reminders.Add(DateTime.UtcNow);
            }
            else
            {
                Interlocked.Increment(ref _others);
            }

            return Task.FromResult(SmtpServer.Protocol.SmtpResponse.Ok);
        }

        public async ValueTask DisposeAsync()
        {
            _server.Shutdown();
            await _stop.CancelAsync();
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
