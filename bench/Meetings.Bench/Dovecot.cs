using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;

namespace Meetings.Bench;

/// <summary>
/// The mailbox scenario's IMAP server: Debian's Dovecot (<c>dovecot-imapd</c>) in a temporary directory of its own, as the
/// tests start it (tests/Meetings.Api.Tests/Mailbox/DovecotServer.cs): a loopback port that was free, plaintext login
/// (loopback only), one passwd-file user, a maildir in the directory, <c>.</c> as the hierarchy separator.
/// </summary>
internal sealed class Dovecot : IDisposable
{
    public const string Binary = "/usr/sbin/dovecot";
    public const string UserName = "office";
    public const string Password = "office-secret";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "meetings-bench-dovecot", Guid.NewGuid().ToString("N"));
    private readonly Process _process;

    public Dovecot()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException("the mailbox scenario needs Dovecot: install the Debian package dovecot-imapd");
        }

        Port = Service.FreePort();
        foreach (var sub in new[] { "mail", "run", "state" })
        {
            Directory.CreateDirectory(Path.Combine(_folder, sub));
        }

        foreach (var path in new[] { Path.GetDirectoryName(_folder)!, _folder, Path.Combine(_folder, "mail") })
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, (UnixFileMode)0x1FF); // the mail processes run as dovecot's user when we are root
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
              separator = .
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

    public int Port { get; }

    /// <summary>The service's settings that point its reader at this server.</summary>
    public Dictionary<string, string> InboxSettings() => new()
    {
        ["Mail__Inbox__Host"] = "127.0.0.1",
        ["Mail__Inbox__Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail__Inbox__UseSsl"] = "false",
        ["Mail__Inbox__UserName"] = UserName,
        ["Mail__Inbox__Password"] = Password,
    };

    public async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(UserName, Password);
        return client;
    }

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
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a file of dovecot's user, or one still held by a process going away
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

    private static string Id(string option)
    {
        using var id = Process.Start(new ProcessStartInfo("id", [option]) { RedirectStandardOutput = true })!;
        var output = id.StandardOutput.ReadToEnd();
        id.WaitForExit();
        return output.Trim();
    }
}
