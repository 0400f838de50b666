using MailKit;
using MailKit.Net.Imap;

namespace Meetings.Infrastructure.Mail.Inbox;

/// <summary>
/// The reader's folders, found or created level by level under the personal namespace, so that the server's hierarchy
/// separator (Dovecot: <c>.</c> or <c>/</c>; Exchange: <c>/</c>; Courier: <c>.</c> under <c>INBOX.</c>) and its
/// prefix are the server's business: the configuration writes levels with <c>/</c>.
/// </summary>
internal static class InboxFolders
{
    public static async Task<IMailFolder> OpenAsync(ImapClient client, string path, bool create, CancellationToken ct)
    {
        if (path.Equals("INBOX", StringComparison.OrdinalIgnoreCase))
        {
            return client.Inbox;
        }

        IMailFolder folder = client.GetFolder(client.PersonalNamespaces[0]) ?? throw new FolderNotFoundException(path);
        foreach (var level in path.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var subfolders = await folder.GetSubfoldersAsync(false, ct);
            var found = subfolders.FirstOrDefault(f => f.Name.Equals(level, StringComparison.Ordinal));
            if (found is null && !create)
            {
                throw new FolderNotFoundException(path);
            }

            folder = found ?? await folder.CreateAsync(level, true, ct) ?? throw new FolderNotFoundException(path);
        }

        return folder;
    }
}
