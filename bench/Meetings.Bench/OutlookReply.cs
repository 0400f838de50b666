using MimeKit;

namespace Meetings.Bench;

/// <summary>
/// The Outlook Accept the mailbox tests deliver (tests/Meetings.Api.Tests/Mailbox/Samples: <c>outlook-accept.eml</c> with
/// <c>outlook-reply.ics</c> base64 inside, as Exchange sends it), filled in for one invitee of a meeting.
/// </summary>
internal sealed class OutlookReply
{
    public const string Organizer = "amtsleitung@augsburg.example";

    private readonly string _mail;
    private readonly string _calendar;

    public OutlookReply()
    {
        var samples = Path.Combine(RepositoryRoot(), "tests", "Meetings.Api.Tests", "Mailbox", "Samples");
        _mail = File.ReadAllText(Path.Combine(samples, "outlook-accept.eml"));
        _calendar = File.ReadAllText(Path.Combine(samples, "outlook-reply.ics"));
    }

    /// <summary>The calendar part alone: what a city's bridge would POST to <c>/api/calendar/replies</c>.</summary>
    public string Calendar(string meetingId, string email, string name) =>
        Fill(_calendar, meetingId, email, name).ReplaceLineEndings("\r\n");

    /// <summary>The whole mail, as it reaches the office's mailbox.</summary>
    public MimeMessage Mail(string meetingId, string email, string name)
    {
        var base64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Calendar(meetingId, email, name)), Base64FormattingOptions.InsertLineBreaks);
        var raw = Fill(_mail, meetingId, email, name).Replace("{{CALENDAR_BASE64}}", base64, StringComparison.Ordinal).ReplaceLineEndings("\r\n");
        return MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)));
    }

    private static string Fill(string text, string meetingId, string email, string name) => text
        .Replace("{{UID}}", $"{meetingId}@meetings", StringComparison.Ordinal)
        .Replace("{{ATTENDEE}}", email, StringComparison.Ordinal)
        .Replace("{{ATTENDEE_NAME}}", name, StringComparison.Ordinal)
        .Replace("{{PARTSTAT}}", "ACCEPTED", StringComparison.Ordinal)
        .Replace("{{SEQUENCE}}", "0", StringComparison.Ordinal)
        .Replace("{{ORGANIZER}}", Organizer, StringComparison.Ordinal)
        .Replace("{{MESSAGE_ID}}", $"{Guid.NewGuid():N}@outlook.example", StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Meetings.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Meetings.sln not found above the benchmark's folder");
    }
}
