using System.Globalization;
using System.Text.Json;
using MailKit.Net.Smtp;
using MimeKit;

namespace Meetings.Bench;

/// <summary>
/// 5,000 reminder mails through the service to postfix's smtp-sink on loopback, against a bare MailKit
/// loop on one connection to the same kind of server, in the same run. The service runs in its own
/// process (Jobs:PollingIntervalSeconds=1); a meeting is published to 1,000 invitees (999 departments and
/// the host), its 1,000 invitations are sent, then five reminder offsets are set that fall due within
/// 50 ms of each other two seconds later: 5,000 reminder rows. Both rates are measured by the server, the
/// same way: (n − 1) / (arrival of the last − arrival of the first of the n messages).
/// </summary>
internal static class MailBenchmark
{
    private const int Invitees = 1000;
    private const int Offsets = 5;
    private const int Reminders = Invitees * Offsets;
    private const int Warmup = Invitees + Reminders; // not counted: the service's invitations and a first round of reminders; the bare loop's first messages

    public static async Task RunAsync(string apiDll)
    {
        var folder = Directory.CreateTempSubdirectory("meetings-bench-mail-").FullName;
        var bareBefore = await BareLoop(Reminders);

        using var sink = new SmtpSink();
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

        var meeting = await Arrange(admin);
        await sink.WaitFor(Invitees, TimeSpan.FromMinutes(5), "the invitations");
        var invitations = await Sent(admin, meeting, "invitation");
        if (sink.Count != Invitees || invitations != Invitees)
        {
            throw new InvalidOperationException($"expected {Invitees} invitations first; the server has {sink.Count}, the ledger {invitations} sent");
        }

        // warm-up, as for the bare loop: a first round of 5,000 reminders, not counted
        var start = await StartOf(admin, meeting);
        await PlanReminders(admin, meeting, start, Offsets);
        await sink.WaitFor(Warmup, TimeSpan.FromMinutes(10), "the warm-up reminders");

        // five offsets that fall due two seconds from now, 10 ms apart: 1,000 invitees × 5 = 5,000 reminders
        await PlanReminders(admin, meeting, start, Offsets);
        await sink.WaitFor(Warmup + Reminders, TimeSpan.FromMinutes(10), "the reminders");
        await Task.Delay(2000); // anything sent twice would arrive now
        var reminders = await Sent(admin, meeting, "reminder") - Reminders;
        var received = sink.Count - Warmup;
        api.Kill(entireProcessTree: true);
        if (received < 2)
        {
            throw new InvalidOperationException($"only {received} reminders arrived");
        }

        var serviceRate = sink.Rate(Warmup + 1, Warmup + received);
        var serviceSeconds = sink.Seconds(Warmup + 1, Warmup + received);
        var invitationRate = sink.Rate(1, Invitees);
        var bareAfter = await BareLoop(Reminders);
        var bare = Math.Max(bareBefore, bareAfter);

        Console.WriteLine($"RESULT mail: {Invitees} invitees × {Offsets} reminder offsets due at once; smtp-sink (postfix) on 127.0.0.1");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT mail: service: {received} of {Reminders} reminders received in {serviceSeconds:F1} s, ledger {reminders} sent: {serviceRate:F0} mails/s (the invitations before: {invitationRate:F0} mails/s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT mail: bare MailKit loop, one connection: {bare:F0} mails/s (best of {bareBefore:F0} before and {bareAfter:F0} after the service)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT mail: ratio service/bare = {serviceRate / bare:F2}; targets: ≥ 200 mails/s and ≥ 0.50 of the bare loop: {(serviceRate >= 200 && serviceRate >= bare / 2 && received == Reminders && reminders == Reminders ? "met" : "NOT met")}"));
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A series with 999 departments and a host; a meeting in 40 minutes, published (its default reminders lie in the past: skipped).</summary>
    private static async Task<string> Arrange(HttpClient admin)
    {
        var city = await Service.Post(admin, "/api/cities", new { name = "Augsburg", kind = "host", contactEmail = "ob@augsburg.example" });
        var series = await Service.Post(admin, "/api/series", new
        {
            name = "Amtsleitungstreffen", hostCityId = city, organizerEmail = "direktorium@augsburg.example",
            hosts = new[] { new { name = "Oberbürgermeisterin", email = "ob@augsburg.example", title = "OB" } },
            defaultLocation = new { name = "Rathaus" },
        });
        foreach (var chunk in Enumerable.Range(1, Invitees - 1).Chunk(8))
        {
            await Task.WhenAll(chunk.Select(i => Service.Post(admin, "/api/departments", new
            {
                code = $"A{i}", name = $"Amt {i}", head = new { name = $"Leitung {i}", email = $"leitung{i}@augsburg.example" },
            })));
        }

        var meeting = await Service.Post(admin, "/api/meetings", new
        {
            seriesId = series, title = "Benchmark", startsAt = DateTimeOffset.UtcNow.AddMinutes(40).ToString("O"),
        });
        (await admin.PostAsync($"/api/meetings/{meeting}/publish", null)).EnsureSuccessStatusCode();
        return meeting;
    }

    /// <summary>A new reminder plan of <paramref name="count"/> offsets that fall due 2 s from now, 10 ms apart.</summary>
    private static async Task PlanReminders(HttpClient admin, string meeting, DateTimeOffset start, int count)
    {
        var due = DateTimeOffset.UtcNow.AddSeconds(2);
        var offsets = Enumerable.Range(0, count).Select(n => System.Xml.XmlConvert.ToString(start - due + TimeSpan.FromMilliseconds(10 * n))).ToArray();
        (await admin.PutAsJsonAsync($"/api/meetings/{meeting}/reminders", new { offsets })).EnsureSuccessStatusCode();
    }

    private static async Task<DateTimeOffset> StartOf(HttpClient admin, string meeting) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/meetings/{meeting}")).GetProperty("startsAt").GetDateTimeOffset();

    /// <summary>The ledger's count of rows of one kind marked sent.</summary>
    private static async Task<int> Sent(HttpClient admin, string meeting, string kind) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/meetings/{meeting}/deliveries?kind={kind}&status=sent&take=1")).GetProperty("total").GetInt32();

    /// <summary>
    /// The baseline: <paramref name="count"/> messages of a reminder's shape and size (multipart/alternative,
    /// German text and HTML, one recipient in To) built and sent one after another over one connection to
    /// a fresh smtp-sink, after <see cref="Warmup"/> messages not counted; rate measured by the server as for the service.
    /// </summary>
    private static async Task<double> BareLoop(int count)
    {
        using var sink = new SmtpSink();
        using (var client = new SmtpClient())
        {
            await client.ConnectAsync("127.0.0.1", sink.Port, MailKit.Security.SecureSocketOptions.None);
            var text = string.Join("\n", Enumerable.Repeat("Wir erinnern an den folgenden Termin: Amtsleitungstreffen im Rathaus.", 12));
            for (var i = 0; i < Warmup + count; i++)
            {
                var message = new MimeMessage { Subject = $"Erinnerung: Benchmark {i}" };
                message.From.Add(new MailboxAddress("Amtsleitung", "amtsleitung@augsburg.example"));
                message.To.Add(new MailboxAddress($"Leitung {i}", $"leitung{i}@augsburg.example"));
                message.Body = new BodyBuilder { TextBody = $"Guten Tag Leitung {i},\n\n{text}", HtmlBody = $"<p>Guten Tag Leitung {i},</p><pre>{text}</pre>" }.ToMessageBody();
                await client.SendAsync(message);
            }

            await client.DisconnectAsync(true);
        }

        await sink.WaitFor(Warmup + count, TimeSpan.FromSeconds(10), "the bare loop");
        return sink.Rate(Warmup + 1, Warmup + count);
    }
}
