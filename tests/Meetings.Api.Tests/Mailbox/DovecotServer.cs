using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Meetings.Testing;
using MimeKit;

namespace Meetings.Api.Tests.Mailbox;

/// <summary>
/// A real IMAP server for the tests: Dovecot as <see cref="DovecotProcess"/> starts it (tests/Shared, also the mailbox
/// benchmark's), with what the tests do to it: deliver a message, list a folder's messages and the folders.
/// </summary>
public sealed class DovecotServer : IDisposable
{
    public const string Binary = DovecotProcess.Binary;
    public const string UserName = DovecotProcess.UserName;
    public const string Password = DovecotProcess.Password;
    public const char Separator = DovecotProcess.Separator;

    private readonly DovecotProcess _dovecot = new("meetings-dovecot");

    /// <summary>Why the tests cannot run here, or null.</summary>
    public static string? Missing => DovecotProcess.Missing;

    public int Port => _dovecot.Port;

    /// <summary>Delivers a message into INBOX by IMAP APPEND, as the office's mail server would.</summary>
    public async Task AppendAsync(string raw, string folder = "INBOX")
    {
        using var client = await ConnectAsync();
        var target = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n")));
        await target.AppendAsync(new AppendRequest(await MimeMessage.LoadAsync(stream)));
        await client.DisconnectAsync(true);
    }

    /// <summary>The Message-IDs in a folder (its full name with the server's separator), or empty when there is no such folder.</summary>
    public async Task<List<string>> MessageIdsIn(string folder)
    {
        using var client = await ConnectAsync();
        IMailFolder target;
        try
        {
            target = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
        }
        catch (FolderNotFoundException)
        {
            return [];
        }

        await target.OpenAsync(FolderAccess.ReadOnly);
        var uids = await target.SearchAsync(SearchQuery.All);
        var summaries = uids.Count == 0 ? [] : await target.FetchAsync(uids, MessageSummaryItems.Envelope);
        await client.DisconnectAsync(true);
        return summaries.Select(s => s.Envelope?.MessageId ?? string.Empty).ToList();
    }

    /// <summary>Every folder's full name (with the server's separator).</summary>
    public async Task<List<string>> Folders()
    {
        using var client = await ConnectAsync();
        var all = await client.GetFoldersAsync(client.PersonalNamespaces[0]);
        await client.DisconnectAsync(true);
        return all.Select(f => f.FullName).ToList();
    }

    public Task<ImapClient> ConnectAsync() => _dovecot.ConnectAsync();

    public void Dispose() => _dovecot.Dispose();
}

/// <summary>xunit's <c>[Fact]</c>, skipped with the reason when Dovecot is not installed (CI installs it: .ci/apt-packages).</summary>
public sealed class DovecotFactAttribute : Xunit.FactAttribute
{
    public DovecotFactAttribute()
    {
        if (DovecotServer.Missing is { } missing)
        {
            Skip = missing;
        }
    }
}
