using MimeKit;

namespace Meetings.Infrastructure.Mail.Transport;

/// <summary>
/// Without an SMTP server: each mail becomes an <c>.eml</c> file in <c>Mail:PickupDirectory</c>, with CRLF line ends as
/// on the wire (RFC 5322 §2.1; MimeKit would write the platform's LF), so that the file is the message as sent. The mail
/// is written under a temporary name and then renamed, so that whoever picks the folder up never reads half a mail.
/// The message is prepared as for SMTP (7-bit safe, no line over 998 characters), so a server that relays the file
/// gets what it would have got over SMTP.
/// </summary>
internal sealed class PickupSession(string directory) : IMailSession
{
    private static readonly FormatOptions Wire = CreateWireFormat();

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var name = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{message.MessageId}";
        var writing = Path.Combine(directory, $".{name}.writing");
        message.Prepare(EncodingConstraint.SevenBit, 998);
        try
        {
            await message.WriteToAsync(Wire, writing, ct);
            File.Move(writing, Path.Combine(directory, $"{name}.eml"), overwrite: true);
        }
        finally
        {
            File.Delete(writing); // nothing left when the rename happened; a half-written file when it did not
        }
    }

    private static FormatOptions CreateWireFormat()
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
