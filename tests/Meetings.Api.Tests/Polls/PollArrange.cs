using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Meetings.Api.Tests.Infrastructure;
using MimeKit;

namespace Meetings.Api.Tests.Polls;

/// <summary>A draft with a poll of three slots, as the date poll tests arrange it.</summary>
/// <param name="Slots">The poll's slot ids, earliest first.</param>
internal sealed record PollArranged(string Meeting, string Department, string OtherDepartment, string[] Slots, JsonElement Poll, DateTimeOffset Deadline, int Participants);

internal static partial class PollArrange
{
    /// <summary>Two new departments, a series (two hosts), a draft 40 days ahead, a poll of slots in 20, 21, 22 days, the deadline in 10.</summary>
    public static async Task<PollArranged> Open(MailingMeetingsApp app, HttpClient admin, double deadlineDays = 10)
    {
        var department = await admin.CreateDepartment();
        var other = await admin.CreateDepartment();
        var now = app.Clock.GetUtcNow();
        var meeting = (await admin.CreateDraft(await admin.CreateSeries(), now.AddDays(40))).Id();
        var deadline = now.AddDays(deadlineDays);
        var poll = await (await admin.PutJson($"/api/meetings/{meeting}/poll", Body(now, deadline))).Json(HttpStatusCode.OK);
        var slots = poll.GetProperty("slots").EnumerateArray().Select(s => s.Id()).ToArray();
        return new PollArranged(meeting, department, other, slots, poll, deadline, poll.GetProperty("participants").GetInt32());
    }

    public static object Body(DateTimeOffset now, DateTimeOffset deadline, params int[] days) => new
    {
        slots = (days.Length == 0 ? [20, 21, 22] : days).Select(d => new
        {
            startsAt = now.UtcDateTime.Date.AddDays(d).AddHours(12).ToString("O"),
            endsAt = now.UtcDateTime.Date.AddDays(d).AddHours(15).ToString("O"),
        }).ToArray(),
        deadline = deadline.ToString("O"),
        note = "Bitte stimmen Sie bald ab.",
    };

    public static object Votes(PollArranged a, params string[] answers) =>
        new { votes = a.Slots.Select((s, i) => new { slotId = s, answer = answers[i] }).ToArray(), comment = "Vormittags nie." };

    public static async Task DispatchAll(this MeetingsApp app)
    {
        while ((await app.Dispatch()).Claimed > 0)
        {
        }
    }

    public static List<MimeMessage> Mails(this MailingMeetingsApp app, string meeting, string kind) =>
        app.Smtp.Received.Where(m => m.Headers["X-Meetings-Meeting"] == meeting && m.Headers["X-Meetings-Kind"] == kind).ToList();

    /// <summary>The poll link's token in a mail (empty: none).</summary>
    public static string PollToken(MimeMessage mail) => Link().Match(mail.TextBody ?? string.Empty).Groups["token"].Value;

    public static string To(this MimeMessage mail) => mail.To.Mailboxes.Single().Address;

    [GeneratedRegex(@"https://intranet\.augsburg\.example/poll/(?<token>[A-Za-z0-9_-]{20,})")]
    private static partial Regex Link();
}
