using MimeKit;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>
/// The service as it is deployed, for tests of how soon mail goes out: its Hangfire server running, the poll at its
/// default (every 15 s, at :00, :15, :30 and :45), the real clock (Hangfire schedules in real time; <see cref="MeetingsApp.Clock"/>
/// is not used). It sends to its own <see cref="SmtpSink"/>, or to a port given (a server that is away, or shared).
/// </summary>
public class OnTimeApp : MeetingsApp
{
    /// <summary>The poll's period at the default settings.</summary>
    public static readonly TimeSpan DefaultPoll = TimeSpan.FromSeconds(15);

    private readonly SmtpSink? _ownSmtp;
    private readonly int _smtpPort;

    public OnTimeApp()
        : this(null, null)
    {
    }

    private OnTimeApp(TestDatabase? database, int? smtpPort)
        : base(database)
    {
        if (smtpPort is null)
        {
            _ownSmtp = new SmtpSink();
        }

        _smtpPort = smtpPort ?? _ownSmtp!.Port;
    }

    /// <summary>What its own mail server received (only when it has one).</summary>
    public SmtpSink Smtp => _ownSmtp ?? throw new InvalidOperationException("This instance sends to a mail server of the test's.");

    protected override int? SmtpPort => _smtpPort;

    protected override bool JobsEnabled => true;

    protected override int? PollingIntervalSeconds => null;

    protected override TimeProvider ServiceClock => TimeProvider.System;

    /// <summary>An instance on an existing database (a restart, a second instance), sending to <paramref name="smtpPort"/>.</summary>
    public static OnTimeApp OnDatabase(TestDatabase database, int smtpPort) => new(database, smtpPort);

    /// <summary>An instance on a database of its own, sending to <paramref name="smtpPort"/> (where nothing may listen yet).</summary>
    public static OnTimeApp SendingTo(int smtpPort) => new(null, smtpPort);

    /// <summary>The instant of the next poll after <paramref name="now"/> (the cron of <c>Jobs:PollingIntervalSeconds</c> = 15).</summary>
    public static DateTimeOffset NextPollAfter(DateTimeOffset now)
    {
        var ticks = DefaultPoll.Ticks;
        return new DateTimeOffset(((now.UtcTicks / ticks) + 1) * ticks, TimeSpan.Zero);
    }

    /// <summary>Waits until two seconds after a poll: the next one is thirteen seconds away.</summary>
    public static async Task JustAfterAPoll()
    {
        var now = DateTimeOffset.UtcNow;
        var target = NextPollAfter(now.AddSeconds(-2)).AddSeconds(2);
        if (target < now)
        {
            target = NextPollAfter(now).AddSeconds(2);
        }

        await Task.Delay(target - now);
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) until <paramref name="received"/> has <paramref name="atLeast"/> mails, then a second more: a mail sent twice would show.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> Eventually(Func<IReadOnlyList<MimeMessage>> received, int atLeast, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (received().Count < atLeast && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        await Task.Delay(1000);
        return received();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownSmtp is not null)
        {
            await _ownSmtp.DisposeAsync();
        }
    }
}
