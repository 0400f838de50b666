using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace Meetings.Infrastructure.Mail.Transport;

/// <summary>
/// One SMTP connection (MailKit), reused for the mails of a batch. The envelope sender (<c>MAIL FROM</c>) is
/// <c>Mail:BounceAddress</c> (default <c>Mail:From</c>): where bounces go, the mailbox the reader watches.
/// </summary>
internal sealed class SmtpSession(SmtpClient client, MailboxAddress envelopeSender) : IMailSession
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        try
        {
            await client.SendAsync(message, envelopeSender, message.To.Mailboxes, ct);
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            throw new MailSendException($"{code} {e.Message}", permanent: code >= 500, connectionLost: false, e);
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException)
        {
            throw new MailSendException($"The connection failed: {e.Message}", permanent: false, connectionLost: true, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException or CommandException)
        {
            // the server went away; nothing to tidy up
        }

        client.Dispose();
    }
}
