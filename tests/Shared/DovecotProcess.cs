using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Imap;
using MailKit.Security;

namespace Meetings.Testing;

/// <summary>
/// A real IMAP server: Debian's Dovecot (<c>dovecot-imapd</c>), started in a temporary directory with a configuration of
/// its own — a loopback port that was free, plaintext login (loopback only), one passwd-file user, a maildir in the
/// directory, and <c>.</c> as the hierarchy separator (not <c>/</c>, so a reader must ask the server). Run as root,
/// Dovecot's processes take the package's users (<c>dovecot</c>, <c>dovenull</c>); otherwise the caller's. The one
/// starter of the mailbox tests (tests/Meetings.Api.Tests/Mailbox/DovecotServer.cs) and the mailbox benchmark
/// (bench/Meetings.Bench/Dovecot.cs), linked into both projects.
/// </summary>
internal sealed class DovecotProcess : IDisposable
{
    public const string Binary = "/usr/sbin/dovecot";
    public const string UserName = "office";
    public const string Password = "office-secret";
    public const char Separator = '.';

    private readonly string _folder;
    private readonly Process _process;

    /// <param name="tempFolder">The folder under the system's temporary directory that holds each server's own directory.</param>
    public DovecotProcess(string tempFolder)
    {
        _folder = Path.Combine(Path.GetTempPath(), tempFolder, Guid.NewGuid().ToString("N"));
        Port = FreePort();
        foreach (var sub in new[] { "mail", "run", "state" })
        {
            Directory.CreateDirectory(Path.Combine(_folder, sub));
        }

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

    /// <summary>Why Dovecot cannot run here, or null.</summary>
    public static string? Missing => File.Exists(Binary) ? null : "dovecot is not installed (Debian package dovecot-imapd)";

    public int Port { get; }

    /// <summary>A client signed in as the one user.</summary>
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Id(string option)
    {
        using var id = Process.Start(new ProcessStartInfo("id", [option]) { RedirectStandardOutput = true })!;
        var output = id.StandardOutput.ReadToEnd();
        id.WaitForExit();
        return output.Trim();
    }
}
