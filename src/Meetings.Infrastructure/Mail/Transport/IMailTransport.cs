using MimeKit;

namespace Meetings.Infrastructure.Mail.Transport;

/// <summary>Opens mail sessions: SMTP when <c>Mail:Smtp:Host</c> is set, else the pickup directory.</summary>
public interface IMailTransport
{
    Task<IMailSession> OpenAsync(CancellationToken ct);
}

/// <summary>A connection for a batch of mails (MailKit's client is not thread-safe: one per batch).</summary>
public interface IMailSession : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>
/// A failed send: <see cref="Permanent"/> for a 5xx rejection of the message; <see cref="ConnectionLost"/> when the
/// server could not be reached or the connection broke (the session is unusable); a 4xx answer otherwise.
/// </summary>
public sealed class MailSendException(string message, bool permanent, bool connectionLost, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;

    public bool ConnectionLost { get; } = connectionLost;
}
