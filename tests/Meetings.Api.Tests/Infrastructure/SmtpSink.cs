using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer package) that keeps what it receives and can be told
/// to answer the next messages with a given reply code (451, 550, …).
/// </summary>
public sealed class SmtpSink : MessageStore, IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<int> _replies = new();
    private readonly Task _running;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _arrivals = new(StringComparer.Ordinal);
    private (int Count, Action Action)? _afterCount;
    private int _accepted;

    /// <param name="port">The port to listen on (a server that comes back); null: a free one.</param>
    public SmtpSink(int? port = null)
    {
        Port = port ?? FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false)).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(this);
        services.Add(new NoDelayListenerFactory()); // replies without waiting for a delayed ACK (see there)
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>Runs once, right after the next message is accepted (then it is cleared).</summary>
    public Action? AfterNextAccepted
    {
        get => _afterNextAccepted;
        set => _afterNextAccepted = value;
    }

    private Action? _afterNextAccepted;

    /// <summary>Runs once, right after the <paramref name="count"/>-th message in all is accepted, before the client hears of it.</summary>
    public void After(int count, Action action) => _afterCount = (count, action);

    /// <summary>When the message with this Message-Id was accepted (the real clock).</summary>
    public DateTimeOffset ArrivalOf(MimeMessage message) => _arrivals[message.MessageId ?? string.Empty];

    /// <summary>A port on which nothing listens (yet): a mail server that is away.</summary>
    public static int UnusedPort() => FreePort();

    /// <summary>While set, every message is answered with this code (after those of <see cref="AnswerNext"/>).</summary>
    public int? AnswerAllWith { get; set; }

    /// <summary>The next messages are answered with these codes, in order; then all are accepted.</summary>
    public void AnswerNext(params int[] codes)
    {
        foreach (var code in codes)
        {
            _replies.Enqueue(code);
        }
    }

    /// <summary>The envelope sender (<c>MAIL FROM</c>) of each mail, by its Message-ID.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> EnvelopeSenders { get; } = new();

    /// <summary>What <paramref name="email"/> received about one meeting.</summary>
    public IReadOnlyList<MimeMessage> To(string email, string meetingId) =>
        Received.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase))
                            && m.Headers["X-Meetings-Meeting"] == meetingId).ToList();

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        if ((_replies.TryDequeue(out var next) ? next : AnswerAllWith) is { } code)
        {
            return new SmtpResponse((SmtpReplyCode)code, code >= 500 ? "mailbox unavailable" : "try again later");
        }

        await using var stream = new MemoryStream(buffer.ToArray());
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        _arrivals.TryAdd(message.MessageId ?? string.Empty, DateTimeOffset.UtcNow);
        EnvelopeSenders.TryAdd(message.MessageId ?? string.Empty, $"{transaction.From.User}@{transaction.From.Host}");
        Received.Enqueue(message);
        var accepted = Interlocked.Increment(ref _accepted);
        Interlocked.Exchange(ref _afterNextAccepted, null)?.Invoke();
        if (_afterCount is { } after && accepted == after.Count)
        {
            _afterCount = null;
            after.Action();
        }

        return SmtpResponse.Ok;
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

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The service sending to its own <see cref="SmtpSink"/>.</summary>
public class MailingMeetingsApp : MeetingsApp
{
    public MailingMeetingsApp()
        : this(null)
    {
    }

    /// <param name="database">An existing database (a restart); null: a new one of its own.</param>
    protected MailingMeetingsApp(TestDatabase? database)
        : base(database)
    {
    }

    public SmtpSink Smtp { get; } = new();

    protected override int? SmtpPort => Smtp.Port;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>The service sending to its own <see cref="SmtpSink"/> through its Hangfire jobs (polling every second).</summary>
public sealed class HangfireMeetingsApp : MailingMeetingsApp
{
    protected override bool JobsEnabled => true;

    /// <summary>Waits (at most 30 s) until <paramref name="received"/> has <paramref name="atLeast"/> mails, then two polls more: a mail sent twice would show.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> Eventually(Func<IReadOnlyList<MimeMessage>> received, int atLeast)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (received().Count < atLeast && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
        }

        await Task.Delay(1500);
        return received();
    }
}
