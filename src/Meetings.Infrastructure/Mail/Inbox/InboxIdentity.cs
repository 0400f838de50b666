using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace Meetings.Infrastructure.Mail.Inbox;

/// <summary>
/// What makes two messages of the mailbox the same one: the <c>Message-ID</c> (a copy with the same id is the same
/// message, SPEC), or — for a message without one — a hash of the raw message. Hashed to a fixed length, so that any
/// id fits the column and the answer history's actor.
/// </summary>
public static class InboxIdentity
{
    public static string Of(MimeMessage message, ReadOnlySpan<byte> raw) =>
        string.IsNullOrWhiteSpace(message.MessageId)
            ? "raw:" + Hash(raw)
            : "id:" + Hash(Encoding.UTF8.GetBytes(message.MessageId.Trim().ToLowerInvariant()));

    private static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..40];
}
