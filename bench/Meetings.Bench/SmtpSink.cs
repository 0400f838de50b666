using System.Diagnostics;
using System.Globalization;

namespace Meetings.Bench;

/// <summary>
/// Postfix's <c>smtp-sink</c> on 127.0.0.1: a real, event-driven SMTP server that accepts every message and
/// throws it away (bench/run.sh installs the Debian package <c>postfix</c> for it; no postfix daemon is
/// needed). With <c>-c</c> it writes a counter line (<c>sess=… quit=… mesg=N</c>) each time it has
/// received a message's final "."; this class reads those lines on a thread of its own and notes when
/// each message arrived, so both sides of the mail benchmark are timed by the server, the same way.
/// </summary>
internal sealed class SmtpSink : IDisposable
{
    private readonly Process _process;
    private readonly Thread _reader;
    private readonly List<long> _arrivals = []; // Stopwatch timestamps, index n-1 for message n
    private readonly Lock _lock = new();

    public SmtpSink()
    {
        Port = Service.FreePort();
        var arguments = new List<string> { "-c" };
        if (Environment.UserName == "root")
        {
            arguments.AddRange(["-u", "nobody"]); // smtp-sink refuses to run as root without it
        }

        arguments.AddRange([$"127.0.0.1:{Port}", "256"]);
        var start = new ProcessStartInfo(Executable(), arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[smtp-sink] {e.Data}");
            }
        };
        _process.BeginErrorReadLine();
        _reader = new Thread(ReadCounters) { IsBackground = true, Name = "smtp-sink counters" };
        _reader.Start();
        WaitListening();
    }

    public int Port { get; }

    /// <summary>The service's mail settings for sending to this sink (environment variables for <see cref="Service.StartApi"/>).</summary>
    public Dictionary<string, string> ServiceSettings() => new()
    {
        ["Mail__Smtp__Host"] = "127.0.0.1",
        ["Mail__Smtp__Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Mail__From"] = "amtsleitung@augsburg.example",
    };

    /// <summary>Messages accepted so far.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _arrivals.Count;
            }
        }
    }

    /// <summary>
    /// Messages per second from message <paramref name="first"/> to message <paramref name="last"/> (1-based,
    /// in the order the server accepted them): (last − first) / (arrival of last − arrival of first).
    /// </summary>
    public double Rate(int first, int last)
    {
        lock (_lock)
        {
            var seconds = Stopwatch.GetElapsedTime(_arrivals[first - 1], _arrivals[last - 1]).TotalSeconds;
            return (last - first) / seconds;
        }
    }

    /// <summary>Seconds between the arrivals of messages <paramref name="first"/> and <paramref name="last"/>.</summary>
    public double Seconds(int first, int last)
    {
        lock (_lock)
        {
            return Stopwatch.GetElapsedTime(_arrivals[first - 1], _arrivals[last - 1]).TotalSeconds;
        }
    }

    /// <summary>Seconds from <paramref name="timestamp"/> (a <see cref="Stopwatch"/> timestamp) to the arrival of message <paramref name="message"/>; negative: before it.</summary>
    public double SecondsAfter(long timestamp, int message)
    {
        lock (_lock)
        {
            return Stopwatch.GetElapsedTime(timestamp, _arrivals[message - 1]).TotalSeconds;
        }
    }

    public async Task WaitFor(int count, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var reported = Stopwatch.GetTimestamp();
        while (Count < count && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
            if (Stopwatch.GetElapsedTime(reported).TotalSeconds >= 5)
            {
                reported = Stopwatch.GetTimestamp();
                Console.Error.WriteLine($"waiting for {what}: {Count} of {count} messages received");
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _reader.Join(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private static string Executable()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Append("/usr/sbin").Append("/usr/local/sbin")
            .Select(dir => Path.Combine(dir, "smtp-sink")).FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException(
            "smtp-sink not found: install the Debian package postfix (bench/run.sh does this when it is missing).");
    }

    /// <summary>smtp-sink separates its counter lines by carriage returns; a line may count several messages at once.</summary>
    private void ReadCounters()
    {
        var stream = _process.StandardOutput.BaseStream;
        var line = new List<byte>(64);
        var buffer = new byte[4096];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            var now = Stopwatch.GetTimestamp();
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] is (byte)'\r' or (byte)'\n')
                {
                    Record(System.Text.Encoding.ASCII.GetString([.. line]), now);
                    line.Clear();
                }
                else
                {
                    line.Add(buffer[i]);
                }
            }
        }
    }

    private void Record(string line, long now)
    {
        var at = line.IndexOf("mesg=", StringComparison.Ordinal);
        if (at < 0 || !int.TryParse(line.AsSpan(at + 5), NumberStyles.None, CultureInfo.InvariantCulture, out var messages))
        {
            return;
        }

        lock (_lock)
        {
            while (_arrivals.Count < messages)
            {
                _arrivals.Add(now);
            }
        }
    }

    private void WaitListening()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                client.Connect(System.Net.IPAddress.Loopback, Port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                if (_process.HasExited)
                {
                    break;
                }

                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"smtp-sink did not listen on 127.0.0.1:{Port}.");
    }
}
