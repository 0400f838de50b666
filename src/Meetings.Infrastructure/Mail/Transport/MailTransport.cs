using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

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
        try
        {
            await client.ConnectAsync(mail.Smtp.Host, mail.Smtp.Port, mail.Smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(mail.Smtp.UserName))
            {
                await client.AuthenticateAsync(mail.Smtp.UserName, mail.Smtp.Password ?? string.Empty, ct);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or ProtocolException or CommandException or AuthenticationException or TimeoutException)
        {
            client.Dispose();
            throw new MailSendException($"The SMTP server {mail.Smtp.Host}:{mail.Smtp.Port} cannot be reached: {e.Message}", permanent: false, connectionLost: true, e);
        }

        return new SmtpSession(client);
    }
}
