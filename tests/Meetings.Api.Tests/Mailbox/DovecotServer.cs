using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Meetings.Api.Tests.Infrastructure;
using MimeKit;

namespace Meetings.Api.Tests.Mailbox;

/// <summary>
/// A real IMAP server for the tests: Debian's Dovecot (<c>dovecot-imapd</c>), started in a temporary directory with a
/// configuration of its own — a loopback port that was free, plaintext login (loopback only), one passwd-file user, a
/// maildir in the directory, and <c>.</c> as the hierarchy separator (not <c>/</c>, so the reader must ask the server).
/// Run as root, Dovecot's processes take the package's users (<c>dovecot</c>, <c>dovenull</c>); otherwise the caller's.
/// </summary>
public sealed class DovecotServer : IDisposable
{
    public const string Binary = "/usr/sbin/dovecot";
    public const string UserName = "office";
    public const string Password = "office-secret";
    public const char Separator = '.';

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "meetings-dovecot", Guid.NewGuid().ToString("N"));
    private readonly Process _process;

    public DovecotServer()
    {
        Port = FreePort();
        System.IO.Directory.CreateDirectory(Path.Combine(_folder, "mail"));
        System.IO.Directory.CreateDirectory(Path.Combine(_folder, "run"));
        System.IO.Directory.CreateDirectory(Path.Combine(_folder, "state"));
        foreach (var path in new[] { Path.GetDirectoryName(_folder)!, _folder, Path.Combine(_folder, "mail") })
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, (UnixFileMode)0x1FF); // rwx for all: the mail processes run as dovecot's user when we are root
            }
        }

        var root = Environment.UserName == "root";
        var (user, group) = root ? ("dovecot", "dovecot") : (Environment.UserName, Id("-gn"));
        File.WriteAllText(Path.Combine(_folder, "passwd"), $"{UserName}:{{PLAIN}}{Password}\n");
        File.WriteAllText(Path.Combine(_folder, "dovecot.conf"), $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{_folder}}/run
            state_dir = {{_folder}}/state
            log_path = {{_folder}}/dovecot.log
            ssl = no
            first_valid_uid = 1
            first_valid_gid = 1
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            default_internal_user = {{user}}
            default_internal_group = {{group}}
            default_login_user = {{(root ? "dovenull" : user)}}
            mail_location = maildir:{{_folder}}/mail/%u
            namespace inbox {
              inbox = yes
              separator = {{Separator}}
            }
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{_folder}}/passwd
            }
            userdb {
              driver = static
              args = uid={{user}} gid={{group}} home={{_folder}}/mail/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service stats {
              unix_listener stats-writer {
                mode = 0666
              }
            }
            """);
        _process = Process.Start(new ProcessStartInfo(Binary, ["-F", "-c", Path.Combine(_folder, "dovecot.conf")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        WaitUntilListening();
    }

    /// <summary>Why the tests cannot run here, or null.</summary>
    public static string? Missing => File.Exists(Binary) ? null : "dovecot is not installed (Debian package dovecot-imapd)";

    public int Port { get; }

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

    public async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(UserName, Password);
        return client;
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by a process that is going away
        }
        catch (UnauthorizedAccessException)
        {
            // files of dovecot's user
        }
    }

    private void WaitUntilListening()
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited)
                {
                    break;
                }

                Thread.Sleep(50);
            }
        }

        var log = Path.Combine(_folder, "dovecot.log");
        throw new InvalidOperationException($"Dovecot did not start: {_process.StandardError.ReadToEnd()} {(File.Exists(log) ? File.ReadAllText(log) : string.Empty)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Id(string option) => Tools.RunAsync("id", [option]).GetAwaiter().GetResult().Output.Trim();
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
