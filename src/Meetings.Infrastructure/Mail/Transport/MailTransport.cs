using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Meetings.Infrastructure.Mail.Transport;

internal sealed class MailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task<IMailSession> OpenAsync(CancellationToken ct)
    {
        var mail = options.Value;
        if (string.IsNullOrWhiteSpace(mail.Smtp.Host))
        {
            Directory.CreateDirectory(mail.PickupDirectory);
            return new PickupSession(mail.PickupDirectory);
        }

        var client = new SmtpClient { Timeout = mail.Smtp.TimeoutSeconds * 1000 };
        Socket? socket = null;
        try
        {
            socket = await ConnectAsync(mail.Smtp.Host, mail.Smtp.Port, TimeSpan.FromSeconds(mail.Smtp.TimeoutSeconds), ct);
            await client.ConnectAsync(socket, mail.Smtp.Host, mail.Smtp.Port, mail.Smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(mail.Smtp.UserName))
            {
                await client.AuthenticateAsync(mail.Smtp.UserName, mail.Smtp.Password ?? string.Empty, ct);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or ProtocolException or CommandException or AuthenticationException or TimeoutException)
        {
            client.Dispose();
            socket?.Dispose(); // the client owns it once connected; before that, nobody does
            throw new MailSendException($"The SMTP server {mail.Smtp.Host}:{mail.Smtp.Port} cannot be reached: {e.Message}", permanent: false, connectionLost: true, e);
        }

        return new SmtpSession(client, MailboxAddress.Parse(string.IsNullOrWhiteSpace(mail.BounceAddress) ? mail.From : mail.BounceAddress));
    }

    /// <summary>
    /// The connection to the server, with Nagle's algorithm off: a mail larger than one segment (an invitation with its
    /// HTML and calendar parts, ~8 KB) otherwise waits for the server's delayed ACK of the segment before — about 40 ms a
    /// mail, which made 1,000 invitations take 22 s instead of 1 (docs/design/mail.md, "Benchmark finding").
    /// </summary>
    private static async Task<Socket> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(host, port, limit.Token);
            return socket;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"no connection within {timeout.TotalSeconds:0} s");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
