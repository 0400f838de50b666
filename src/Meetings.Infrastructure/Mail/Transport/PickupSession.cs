using MimeKit;

namespace Meetings.Infrastructure.Mail.Transport;

/// <summary>
/// Without an SMTP server: each mail becomes an <c>.eml</c> file in <c>Mail:PickupDirectory</c>, with CRLF line ends as
/// on the wire (RFC 5322 §2.1; MimeKit would write the platform's LF), so that the file is the message as sent.
/// </summary>
internal sealed class PickupSession(string directory) : IMailSession
{
    private static readonly FormatOptions Wire = CreateWireFormat();

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var path = Path.Combine(directory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{message.MessageId}.eml");
        await message.WriteToAsync(Wire, path, ct);
    }

    private static FormatOptions CreateWireFormat()
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
