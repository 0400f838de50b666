using Meetings.Api.Tests.Infrastructure;
using MimeKit;

namespace Meetings.Api.Tests.Mailbox;

/// <summary>The sample messages of <c>Mailbox/Samples</c> (README there names each one's source), filled in for a test's meeting.</summary>
public static class MailboxSamples
{
    public const string Organizer = "amtsleitung@augsburg.example";

    private static readonly string Folder = Path.Combine(Repository.Root, "tests", "Meetings.Api.Tests", "Mailbox", "Samples");

    /// <summary>A sample with its placeholders filled in; a new Message-ID unless <paramref name="messageId"/> is given.</summary>
    public static string Fill(
        string sample, string meetingId = "00000000-0000-0000-0000-000000000000", string attendee = "leitung@augsburg.example", string partStat = "ACCEPTED",
        int sequence = 0, string? messageId = null, string? rowMessageId = null, string? recipient = null, string attendeeName = "Lea Leitung")
    {
        string Replace(string text) => text
            .Replace("{{UID}}", CalendarReplyData.Uid(meetingId), StringComparison.Ordinal)
            .Replace("{{ATTENDEE}}", attendee, StringComparison.Ordinal)
            .Replace("{{ATTENDEE_NAME}}", attendeeName, StringComparison.Ordinal)
            .Replace("{{PARTSTAT}}", partStat, StringComparison.Ordinal)
            .Replace("{{SEQUENCE}}", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{ORGANIZER}}", Organizer, StringComparison.Ordinal)
            .Replace("{{MESSAGE_ID}}", messageId ?? $"{Guid.NewGuid():N}@mail.example", StringComparison.Ordinal)
            .Replace("{{ROW_MESSAGE_ID}}", rowMessageId ?? "unknown@nowhere.example", StringComparison.Ordinal)
            .Replace("{{RECIPIENT}}", recipient ?? attendee, StringComparison.Ordinal);

        var calendar = Replace(File.ReadAllText(Path.Combine(Folder, "outlook-reply.ics"))).ReplaceLineEndings("\r\n");
        var base64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(calendar), Base64FormattingOptions.InsertLineBreaks);
        return Replace(File.ReadAllText(Path.Combine(Folder, sample))).Replace("{{CALENDAR_BASE64}}", base64, StringComparison.Ordinal);
    }

    public static MimeMessage Load(string raw) => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n"))));
}
