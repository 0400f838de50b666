// Meetings benchmarks. Each scenario is measured against its baseline in the same run.
// Usage: dotnet run -c Release --project bench/Meetings.Bench -- publish <path-to-Meetings.Api.dll> [runs]
using Meetings.Bench;

if (args.Length < 2 || args[0] != "publish")
{
    Console.Error.WriteLine("usage: Meetings.Bench publish <Meetings.Api.dll> [runs]");
    return 2;
}

var runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 7;
await PublishBenchmark.RunAsync(args[1], departments: 1000, runs);
return 0;
