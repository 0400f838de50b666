namespace Meetings.Infrastructure.Mail;

/// <summary>The <c>Mail</c> configuration section.</summary>
public sealed class MailOptions
{
    /// <summary>The sender of every mail, a mailbox (default: one of this machine, RFC 6761's <c>.localhost</c>).</summary>
    public string From { get; set; } = "meetings@meetings.localhost";

    /// <summary>The ORGANIZER of calendar invitations and files, a mailbox the office reads (default: the series' organizer).</summary>
    public string? Organizer { get; set; }

    /// <summary>The envelope sender (<c>MAIL FROM</c>), where bounces go: a mailbox (default: <see cref="From"/>).</summary>
    public string? BounceAddress { get; set; }

    /// <summary>
    /// The personal link is this plus the token: by default the service's own answer page. Not set: the address the
    /// service listens on (<see cref="LinkBaseFromServer"/>), e.g. <c>http://localhost:5080/rsvp/</c>.
    /// </summary>
    public string RsvpBaseUrl { get; set; } = string.Empty;

    /// <summary>
    /// The personal link of a date poll is this plus the token. Not set: <see cref="RsvpBaseUrl"/> with <c>/poll/</c> in
    /// place of its closing <c>/rsvp/</c> (<c>http://localhost:5080/poll/</c>), or the service's own poll page when the
    /// answer links point elsewhere (<see cref="LinkBaseFromServer"/>).
    /// </summary>
    public string PollBaseUrl { get; set; } = string.Empty;

    /// <summary>
    /// The mail domains whose addresses may be named as delegates (besides the addresses the directory knows): a list
    /// (<c>Mail:AllowedDomains:0</c>, …) or one value separated by commas or semicolons. Empty (default): the domains
    /// that occur in the directory.
    /// </summary>
    public string[] AllowedDomains { get; set; } = [];

    /// <summary>Where mails are written as .eml files when no SMTP host is set.</summary>
    public string PickupDirectory { get; set; } = "mail-outbox";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The office's mailbox, read for calendar replies and bounces (<c>Mail:Inbox:*</c>).</summary>
    public Inbox.InboxOptions Inbox { get; set; } = new();

    /// <summary><see cref="AllowedDomains"/>, each entry split at commas, semicolons and blanks.</summary>
    public IReadOnlyList<string> AllowedDomainList =>
        AllowedDomains.SelectMany(d => d.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}

/// <summary>The <c>Mail:Smtp</c> section.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool UseStartTls { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public int TimeoutSeconds { get; set; } = 30;
}
