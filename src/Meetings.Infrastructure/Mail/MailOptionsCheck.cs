using Meetings.Domain.Common;
using Meetings.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace Meetings.Infrastructure.Mail;

/// <summary>
/// Every key of the <c>Mail</c> section, checked at start (<see cref="SettingChecks"/>): the addresses are mailboxes by
/// the domain's rule (<see cref="EmailAddress.IsValid"/>), the link base is an address a mail's reader can open with the
/// token appended, the SMTP settings can reach a server. Runs after <see cref="LinkBaseFromServer"/>, so an unset link
/// base is checked as the service fills it in. The check reads the options through <c>IOptionsMonitor</c>, before the
/// port is bound (its value then has the fallback base); the service reads them through <c>IOptions</c>, whose own value
/// is made later, from the bound address — keep it so.
/// </summary>
internal sealed class MailOptionsCheck : IValidateOptions<MailOptions>
{
    private const string Mailbox = "a mailbox such as meetings@stadt.example";

    public ValidateOptionsResult Validate(string? name, MailOptions mail)
    {
        var wrong = new List<string>();
        if (!EmailAddress.IsValid(mail.From ?? string.Empty))
        {
            wrong.Add(SettingChecks.Wrong("Mail:From", Mailbox, mail.From ?? string.Empty));
        }

        foreach (var (key, value) in new[] { ("Mail:Organizer", mail.Organizer), ("Mail:BounceAddress", mail.BounceAddress) })
        {
            if (!string.IsNullOrEmpty(value) && !EmailAddress.IsValid(value))
            {
                wrong.Add(SettingChecks.Wrong(key, Mailbox + " (or unset)", value));
            }
        }

        if (!IsLinkBase(mail.RsvpBaseUrl))
        {
            wrong.Add(SettingChecks.Wrong("Mail:RsvpBaseUrl",
                "an absolute http or https URL that ends with / and has no query or fragment, such as https://meetings.stadt.example/rsvp/ (the token is appended)",
                mail.RsvpBaseUrl));
        }

        if (!IsLinkBase(mail.PollBaseUrl))
        {
            wrong.Add(SettingChecks.Wrong("Mail:PollBaseUrl",
                "an absolute http or https URL that ends with / and has no query or fragment, such as https://meetings.stadt.example/poll/ (the token is appended)",
                mail.PollBaseUrl));
        }

        foreach (var domain in mail.AllowedDomainList.Where(d => Uri.CheckHostName(d) != UriHostNameType.Dns || !d.Contains('.', StringComparison.Ordinal)))
        {
            wrong.Add(SettingChecks.Wrong("Mail:AllowedDomains", "mail domains such as augsburg.de, separated by commas", domain));
        }

        if (string.IsNullOrWhiteSpace(mail.PickupDirectory) || mail.PickupDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            wrong.Add(SettingChecks.Wrong("Mail:PickupDirectory", "a directory path", mail.PickupDirectory ?? string.Empty));
        }

        CheckSmtp(mail.Smtp, wrong);
        CheckInbox(mail.Inbox, wrong);
        return wrong.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(wrong);
    }

    private static void CheckSmtp(SmtpOptions smtp, List<string> wrong)
    {
        if (!string.IsNullOrWhiteSpace(smtp.Host) && Uri.CheckHostName(smtp.Host.Trim()) == UriHostNameType.Unknown)
        {
            wrong.Add(SettingChecks.Wrong("Mail:Smtp:Host", "a host name or IP address (or unset: mails go to Mail:PickupDirectory)", smtp.Host));
        }

        SettingChecks.Within(wrong, "Mail:Smtp:Port", smtp.Port, 1, 65535, "a TCP port");
        SettingChecks.Within(wrong, "Mail:Smtp:TimeoutSeconds", smtp.TimeoutSeconds, 1, 600, "a whole number of seconds");
        if (string.IsNullOrEmpty(smtp.UserName) && !string.IsNullOrEmpty(smtp.Password))
        {
            wrong.Add(SettingChecks.Wrong("Mail:Smtp:UserName", "set when Mail:Smtp:Password is (the password alone is never sent)"));
        }
    }

    private static void CheckInbox(Inbox.InboxOptions inbox, List<string> wrong)
    {
        if (!inbox.Enabled)
        {
            return;
        }

        if (Uri.CheckHostName(inbox.Host!.Trim()) == UriHostNameType.Unknown)
        {
            wrong.Add(SettingChecks.Wrong("Mail:Inbox:Host", "a host name or IP address (or unset: no mailbox is read)", inbox.Host));
        }

        SettingChecks.Within(wrong, "Mail:Inbox:Port", inbox.Port, 1, 65535, "a TCP port");
        SettingChecks.Within(wrong, "Mail:Inbox:PollSeconds", inbox.PollSeconds, 1, 3600, "a whole number of seconds");
        if (string.IsNullOrWhiteSpace(inbox.UserName))
        {
            wrong.Add(SettingChecks.Wrong("Mail:Inbox:UserName", "set when Mail:Inbox:Host is (the mailbox's login)"));
        }

        foreach (var (key, value) in new[] { ("Mail:Inbox:Folder", inbox.Folder), ("Mail:Inbox:ProcessedFolder", inbox.ProcessedFolder), ("Mail:Inbox:UnrecognizedFolder", inbox.UnrecognizedFolder) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Split('/').Any(string.IsNullOrWhiteSpace))
            {
                wrong.Add(SettingChecks.Wrong(key, "a folder name, levels separated by / (such as Meetings/Processed)", value ?? string.Empty));
            }
        }
    }

    /// <summary>The token is appended as it is: the base must end a path (<c>/</c>) and carry neither query nor fragment.</summary>
    private static bool IsLinkBase(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.Host.Length > 0
        && string.IsNullOrEmpty(uri.UserInfo)
        && value!.EndsWith('/')
        && uri.Query.Length == 0
        && uri.Fragment.Length == 0
        && !value.Any(char.IsWhiteSpace);
}
