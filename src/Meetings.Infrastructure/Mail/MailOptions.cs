namespace Meetings.Infrastructure.Mail;

/// <summary>The <c>Mail</c> configuration section.</summary>
public sealed class MailOptions
{
    public string From { get; set; } = "meetings@localhost";

    /// <summary>The ORGANIZER of calendar invitations, a mailbox the office reads (default <see cref="From"/>).</summary>
    public string? Organizer { get; set; }

    /// <summary>
    /// The personal RSVP link is this plus the token. Not set: the service's own address (<see cref="RsvpBaseFromServer"/>),
    /// e.g. <c>http://localhost:5080/api/rsvp/</c>.
    /// </summary>
    public string RsvpBaseUrl { get; set; } = string.Empty;

    /// <summary>Where mails are written as .eml files when no SMTP host is set.</summary>
    public string PickupDirectory { get; set; } = "mail-outbox";

    public SmtpOptions Smtp { get; set; } = new();

    public string OrganizerAddress => string.IsNullOrWhiteSpace(Organizer) ? From : Organizer;
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
