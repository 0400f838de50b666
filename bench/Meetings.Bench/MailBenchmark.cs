using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MailKit.Net.Smtp;

namespace Meetings.Bench;

/// <summary>
/// 5,000 reminder mails through the service to postfix's smtp-sink on loopback, against a bare MailKit loop on
/// one connection to the same kind of server, in the same run. The service runs in its own process
/// (Jobs:PollingIntervalSeconds=1); a meeting is published to 1,000 invitees (999 departments and the host) and
/// its 1,000 invitations go out; then, per round, five new reminder offsets are set that fall due within 50 ms
/// of each other two seconds later: 5,000 reminder rows due at once. Both rates are measured by the server,
/// the same way: (n − 1) / (arrival of the last − arrival of the first of the n messages). Both sides are warmed
/// up (the service by the invitations and a first, uncounted round; the bare loop by 6,000 uncounted messages),
/// then rounds alternate — bare loop, service, bare loop, service, … — so that both meet the same background
/// load of a shared machine; the figures are the medians of the rounds.
/// </summary>
internal static class MailBenchmark
{
    private const int Invitees = 1000;
    private const int Offsets = 5;
    private const int Reminders = Invitees * Offsets;
    private const int Warmup = Invitees + Reminders; // not counted: the service's invitations and first round; the bare loop's first messages

    public static async Task RunAsync(string apiDll, int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("meetings-bench-mail-").FullName;
        await BareLoop(Reminders, Warmup); // JIT and connection warm-up of the benchmark process, not counted

        using var sink = new SmtpSink();
        const string key = Service.AdminKey;
        var port = Service.FreePort();
        using var api = Service.StartApi(apiDll, folder, key, port, new Dictionary<string, string>(sink.ServiceSettings())
        {
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

        var start = await StartOf(admin, meeting);
        var service = new List<double>();
        var bare = new List<double>();
        var (serviceCpu, bareCpu) = (new List<double>(), new List<double>());
        for (var round = 0; round <= rounds; round++)
        {
            if (round > 0)
            {
                var (rate, cpu) = await BareLoop(Reminders, warmup: 500);
                bare.Add(rate);
                bareCpu.Add(cpu);
            }

            var before = sink.Count;
            await PlanReminders(admin, meeting, start);
            var cpuBefore = Cpu(api); // after the plan is saved: from here on the service only dispatches
            await sink.WaitFor(before + Reminders, TimeSpan.FromMinutes(10), $"the reminders of round {round}");
            var cpuPerMail = (Cpu(api) - cpuBefore).TotalMilliseconds / Reminders;
            await Task.Delay(1500); // anything sent twice would arrive now
            if (sink.Count != before + Reminders)
            {
                throw new InvalidOperationException($"round {round}: {sink.Count - before} reminders arrived, expected {Reminders}");
            }

            if (round > 0)
            {
                service.Add(sink.Rate(before + 1, before + Reminders));
                serviceCpu.Add(cpuPerMail);
            }
        }

        var ledger = await Sent(admin, meeting, "reminder");
        var invitationRate = sink.Rate(1, Invitees);
        api.Kill(entireProcessTree: true);
        var (serviceRate, bareRate) = (Service.Median(service), Service.Median(bare));
        var met = serviceRate >= 200 && serviceRate >= bareRate / 2 && ledger == Reminders * (rounds + 1);

        Console.WriteLine($"RESULT mail: {Invitees} invitees × {Offsets} reminder offsets due at once = {Reminders} reminders per round; smtp-sink (postfix) on 127.0.0.1");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT mail: service: median {serviceRate:F0} mails/s over {rounds} rounds ({string.Join(", ", service.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}); ledger: {ledger} reminders sent, the server received {sink.Count - Invitees} (invitations before: {invitationRate:F0} mails/s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT mail: bare MailKit loop, one connection: median {bareRate:F0} mails/s over {rounds} rounds ({string.Join(", ", bare.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT mail: ratio service/bare = {serviceRate / bareRate:F2}; targets: ≥ 200 mails/s and ≥ 0.50 of the bare loop: {(met ? "met" : "NOT met")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT mail: CPU time per mail (median): service process {Service.Median(serviceCpu):F3} ms, bare loop's process {Service.Median(bareCpu):F3} ms (smtp-sink not counted)"));
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
        var series = await Arrangement.Series(admin, Invitees - 1);
        var meeting = await Service.Post(admin, "/api/meetings", new
        {
            seriesId = series, title = "Benchmark", startsAt = DateTimeOffset.UtcNow.AddMinutes(40).ToString("O"),
        });
        (await admin.PostAsync($"/api/meetings/{meeting}/publish", null)).EnsureSuccessStatusCode();
        return meeting;
    }

    /// <summary>A new reminder plan: five offsets that fall due 2 s from now, 10 ms apart (1,000 invitees × 5 = 5,000 reminders).</summary>
    private static async Task PlanReminders(HttpClient admin, string meeting, DateTimeOffset start)
    {
        var due = DateTimeOffset.UtcNow.AddSeconds(2);
        var offsets = Enumerable.Range(0, Offsets).Select(n => System.Xml.XmlConvert.ToString(start - due + TimeSpan.FromMilliseconds(10 * n))).ToArray();
        (await admin.PutAsJsonAsync($"/api/meetings/{meeting}/reminders", new { offsets })).EnsureSuccessStatusCode();
    }

    private static async Task<DateTimeOffset> StartOf(HttpClient admin, string meeting) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/meetings/{meeting}")).GetProperty("startsAt").GetDateTimeOffset();

    /// <summary>The ledger's count of rows of one kind marked sent.</summary>
    private static async Task<int> Sent(HttpClient admin, string meeting, string kind) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/meetings/{meeting}/deliveries?kind={kind}&status=sent&take=1")).GetProperty("total").GetInt32();

    /// <summary>
    /// The baseline: <paramref name="count"/> messages of a reminder's shape and size (multipart/alternative with
    /// German plain text and HTML in UTF-8, 8bit, the same headers, one recipient in To, ~1.6 kB) built and sent
    /// one after another over one connection to a fresh smtp-sink, after <paramref name="warmup"/> messages not
    /// counted; rate measured by the server as for the service.
    /// </summary>
    private static async Task<(double Rate, double CpuPerMail)> BareLoop(int count, int warmup)
    {
        using var sink = new SmtpSink();
        var self = Process.GetCurrentProcess();
        var cpuBefore = TimeSpan.Zero;
        using (var client = new SmtpClient())
        {
            await client.ConnectAsync("127.0.0.1", sink.Port, MailKit.Security.SecureSocketOptions.None);
            for (var i = 0; i < warmup + count; i++)
            {
                if (i == warmup)
                {
                    cpuBefore = Cpu(self);
                }

                var message = BareMail.Message(i, invitation: false);
                await client.SendAsync(message);
            }

            await sink.WaitFor(warmup + count, TimeSpan.FromSeconds(10), "the bare loop");
            var cpuPerMail = (Cpu(self) - cpuBefore).TotalMilliseconds / count;
            await client.DisconnectAsync(true);
            return (sink.Rate(warmup + 1, warmup + count), cpuPerMail);
        }
    }

    private static TimeSpan Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }
}
