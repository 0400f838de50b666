using MailKit;
using MailKit.Net.Imap;
using Meetings.Testing;

namespace Meetings.Bench;

/// <summary>
/// The mailbox scenario's IMAP server: Dovecot as the tests start it (<see cref="DovecotProcess"/>, tests/Shared, linked
/// into this project), with the service's settings that point at it and a folder's count.
/// </summary>
internal sealed class Dovecot : IDisposable
{
    public const string Binary = DovecotProcess.Binary;

    private readonly DovecotProcess _dovecot = DovecotProcess.Missing is null
        ? new("meetings-bench-dovecot")
        : throw new InvalidOperationException("the mailbox scenario needs Dovecot: install the Debian package dovecot-imapd");

    public int Port => _dovecot.Port;

    /// <summary>The service's settings that point its reader at this server.</summary>
    public Dictionary<string, string> InboxSettings() => new()
    {
        ["Mail__Inbox__Host"] = "127.0.0.1",
        ["Mail__Inbox__Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail__Inbox__UseSsl"] = "false",
        ["Mail__Inbox__UserName"] = DovecotProcess.UserName,
        ["Mail__Inbox__Password"] = DovecotProcess.Password,
    };

    public Task<ImapClient> ConnectAsync() => _dovecot.ConnectAsync();

    /// <summary>How many messages a folder (full name, <c>.</c> separated) holds; -1 when there is no such folder.</summary>
    public async Task<int> CountIn(string folder)
    {
        using var client = await ConnectAsync();
        try
        {
            var target = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
            await target.StatusAsync(StatusItems.Count);
            return target.Count;
        }
        catch (FolderNotFoundException)
        {
            return -1;
        }
        finally
        {
            await client.DisconnectAsync(true);
        }
    }

    public void Dispose() => _dovecot.Dispose();
}
