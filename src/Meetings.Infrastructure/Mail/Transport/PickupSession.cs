using MimeKit;

namespace Meetings.Infrastructure.Mail.Transport;

/// <summary>Without an SMTP server: each mail becomes an <c>.eml</c> file in <c>Mail:PickupDirectory</c>.</summary>
internal sealed class PickupSession(string directory) : IMailSession
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var path = Path.Combine(directory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{message.MessageId}.eml");
        await message.WriteToAsync(path, ct);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
