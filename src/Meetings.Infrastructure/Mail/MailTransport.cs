using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Meetings.Infrastructure.Mail;

/// <summary>A failed send: <see cref="Permanent"/> for a 5xx rejection, transient otherwise.</summary>
public sealed class MailSendException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}

/// <summary>A connection for a batch of mails (MailKit's client is not thread-safe: one per batch).</summary>
public interface IMailSession : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>Opens mail sessions: SMTP when <c>Mail:Smtp:Host</c> is set, else the pickup directory.</summary>
public interface IMailTransport
{
    Task<IMailSession> OpenAsync(CancellationToken ct);
}

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
            throw new MailSendException($"The SMTP server {mail.Smtp.Host}:{mail.Smtp.Port} cannot be reached: {e.Message}", permanent: false, e);
        }

        return new SmtpSession(client);
    }

    private sealed class SmtpSession(SmtpClient client) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            try
            {
                await client.SendAsync(message, ct);
            }
            catch (SmtpCommandException e)
            {
                var code = (int)e.StatusCode;
                throw new MailSendException($"{code} {e.Message}", permanent: code >= 500, e);
            }
            catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException)
            {
                throw new MailSendException($"The connection failed: {e.Message}", permanent: false, e);
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

    private sealed class PickupSession(string directory) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            var path = Path.Combine(directory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{message.MessageId}.eml");
            await message.WriteToAsync(path, ct);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
