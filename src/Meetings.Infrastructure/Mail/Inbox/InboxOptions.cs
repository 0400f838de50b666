namespace Meetings.Infrastructure.Mail.Inbox;

/// <summary>
/// The <c>Mail:Inbox</c> section: the office's mailbox that calendar replies (to <c>Mail:Organizer</c>) and bounces (to
/// <c>Mail:BounceAddress</c>) arrive in. Without <see cref="Host"/> nothing reads it.
/// </summary>
public sealed class InboxOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 993;

    /// <summary>TLS from the first byte (IMAPS, port 993); false: STARTTLS when the server offers it (port 143).</summary>
    public bool UseSsl { get; set; } = true;

    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>The folder the reader watches.</summary>
    public string Folder { get; set; } = "INBOX";

    /// <summary>Where a message goes once it acted (or changed nothing: an automatic reply, a delay notice). <c>/</c> separates levels, whatever the server's separator.</summary>
    public string ProcessedFolder { get; set; } = "Meetings/Processed";

    /// <summary>Where the office finds what the service did not understand or would not take.</summary>
    public string UnrecognizedFolder { get; set; } = "Meetings/Unrecognized";

    /// <summary>The safety net beside IDLE: the folder is looked at least this often.</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>
    /// The authserv-id (RFC 8601) of the office's own mail server: when set, a calendar reply counts only when that
    /// server's <c>Authentication-Results</c> says <c>dmarc=pass</c>.
    /// </summary>
    public string? TrustedAuthServId { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
