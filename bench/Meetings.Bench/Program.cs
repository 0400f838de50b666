// Meetings benchmarks. Each scenario is measured against its baseline in the same run (bench/run.sh).
//   publish <Meetings.Api.dll> [runs]                 publishing to 1,000 departments vs a bare EF Core insert
//   rsvp <Meetings.Api.dll> [seconds] [connections] [rounds] [history rows] [ways]
//                                                     answers by key, link, page, calendar reply vs a bare ASP.NET Core + EF Core endpoint
//   mail <Meetings.Api.dll> [rounds]                  5,000 reminder mails to smtp-sink on loopback vs a bare MailKit loop
//   latency <Meetings.Api.dll> [rounds]               at the default settings: publish → last of 1,000 invitations, reminder lateness
//   page <Meetings.Api.dll> [seconds] [concurrency] [rounds]  the answer page's GET vs the same link's JSON
//   poll <Meetings.Api.dll> [seconds] [concurrency] [rounds]  the date poll page's GET vs the same link's JSON
//   mailbox <Meetings.Api.dll> [samples]             Outlook Accepts through a Dovecot the bench starts: APPEND → visible (p50/p99), 1,000 waiting replies read vs POST /api/calendar/replies
//   reads <Meetings.Api.dll> [seconds] [connections] [rounds]   keyed agenda reads under wrk vs a bare one-row read
//   scale <Meetings.Api.dll> [rounds] [sizes]       at the default settings, 1,000 and 10,000 invitees: publish vs a bare multi-row insert, publish → last invitation, reminders due at one instant
//   documents <Meetings.Api.dll> [rounds] [clients]   memory while 20 and 25 MiB go up and down 3 times; downloads vs a bare file endpoint
//   bare-file <port> <path>                           the bare file endpoint (started by the documents scenario in its own process)
//   bare-server <port> <sqlite-file>                  the bare endpoints (started by the rsvp and reads scenarios in their own process)
using System.Globalization;
using Meetings.Bench;

static int Arg(string[] args, int index, int fallback) =>
    args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

switch (args.FirstOrDefault())
{
    case "publish" when args.Length >= 2:
        await PublishBenchmark.RunAsync(args[1], departments: 1000, Arg(args, 2, 7));
        return 0;
    case "rsvp" when args.Length >= 2:
        await RsvpBenchmark.RunAsync(args[1], seconds: Arg(args, 2, 10), connections: Arg(args, 3, 32), rounds: Arg(args, 4, 3), historyRows: Arg(args, 5, 200_000),
            channels: args.Length > 6 ? args[6].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : RsvpBenchmark.AllChannels);
        return 0;
    case "mail" when args.Length >= 2:
        await MailBenchmark.RunAsync(args[1], rounds: Arg(args, 2, 3));
        return 0;
    case "latency" when args.Length >= 2:
        await LatencyBenchmark.RunAsync(args[1], rounds: Arg(args, 2, 3));
        return 0;
    case "poll" when args.Length >= 2:
        await PollBenchmark.RunAsync(args[1], seconds: Arg(args, 2, 10), concurrency: Arg(args, 3, 32), rounds: Arg(args, 4, 3));
        return 0;
    case "page" when args.Length >= 2:
        await PageBenchmark.RunAsync(args[1], seconds: Arg(args, 2, 10), concurrency: Arg(args, 3, 32), rounds: Arg(args, 4, 3));
        return 0;
    case "mailbox" when args.Length >= 2:
        await MailboxBenchmark.RunAsync(args[1], samples: Arg(args, 2, 200));
        return 0;
    case "reads" when args.Length >= 2:
        await ReadsBenchmark.RunAsync(args[1], seconds: Arg(args, 2, 10), connections: Arg(args, 3, 32), rounds: Arg(args, 4, 3));
        return 0;
    case "scale" when args.Length >= 2:
        await ScaleBenchmark.RunAsync(args[1], sizes: args.Length > 3 ? [.. args[3].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : [1000, 10_000], rounds: Arg(args, 2, 2));
        return 0;
    case "documents" when args.Length >= 2:
        await DocumentsBenchmark.RunAsync(args[1], rounds: Arg(args, 2, 3), clients: Arg(args, 3, 4));
        return 0;
    case "bare-file" when args.Length >= 3:
        await DocumentsBenchmark.RunBareFileAsync(Arg(args, 1, 0), args[2]);
        return 0;
    case "bare-server" when args.Length >= 3:
        await BareServer.RunAsync(Arg(args, 1, 0), args[2]);
        return 0;
    default:
        Console.Error.WriteLine("usage: Meetings.Bench publish|rsvp|mail|latency|page|poll|mailbox|reads|documents|scale <Meetings.Api.dll> … | bare-server <port> <db> | bare-file <port> <path>");
        return 2;
}
