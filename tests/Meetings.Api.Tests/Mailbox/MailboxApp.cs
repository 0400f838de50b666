using Meetings.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Meetings.Api.Tests.Mailbox;

/// <summary>
/// The service reading a real Dovecot's mailbox (<see cref="DovecotServer"/>) over IMAP, and sending to the tests' SMTP
/// server. The poll is set to 5 minutes: what the tests see within seconds came by IDLE. Without Dovecot the service
/// reads no mailbox and the tests are skipped.
/// </summary>
public class MailboxApp : MailingMeetingsApp
{
    private readonly Lazy<DovecotServer?> _dovecot;
    private readonly bool _ownsDovecot;

    public MailboxApp()
        : this(null)
    {
    }

    protected MailboxApp(TestDatabase? database)
        : base(database)
    {
        _dovecot = new(() => DovecotServer.Missing is null ? new DovecotServer() : null);
        _ownsDovecot = true;
    }

    /// <summary>One of several instances reading the same mailbox (<paramref name="shared"/>, disposed by the test).</summary>
    protected MailboxApp(TestDatabase database, DovecotServer shared)
        : base(database)
    {
        _dovecot = new(() => shared);
    }

    public DovecotServer Dovecot => _dovecot.Value ?? throw new InvalidOperationException(DovecotServer.Missing);

    /// <summary>The processed and unrecognized folders with the server's separator.</summary>
    public static string Processed => $"Meetings{DovecotServer.Separator}Processed";

    public static string Unrecognized => $"Meetings{DovecotServer.Separator}Unrecognized";

    protected virtual int PollSeconds => 300;

    /// <summary>What the reader logged.</summary>
    public MailboxLog Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mail:Organizer", MailboxSamples.Organizer);
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
        if (_dovecot.Value is { } dovecot)
        {
            builder.UseSetting("Mail:Inbox:Host", "127.0.0.1");
            builder.UseSetting("Mail:Inbox:Port", dovecot.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Mail:Inbox:UseSsl", "false");
            builder.UseSetting("Mail:Inbox:UserName", DovecotServer.UserName);
            builder.UseSetting("Mail:Inbox:Password", DovecotServer.Password);
            builder.UseSetting("Mail:Inbox:PollSeconds", PollSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDovecot && _dovecot.IsValueCreated)
        {
            _dovecot.Value?.Dispose();
        }
    }
}
