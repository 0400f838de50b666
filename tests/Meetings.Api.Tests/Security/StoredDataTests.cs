using System.Net;
using System.Text.RegularExpressions;
using Ical.Net;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Domain.Directory;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Mail.Composition;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Tests.Security;

/// <summary>
/// Issue 19: data stored before today's rules (written here straight into the database) — addresses that are not one
/// mailbox, names with line breaks or bidirectional overrides — breaks no send but its own: a mail that cannot go fails
/// alone, with the reason, and the rest of its batch goes out (docs/security.md, "One bad row stops nothing": stored
/// data is tolerated, not migrated). Its reads: <see cref="StoredDataReadTests"/>.
/// </summary>
public sealed class StoredDataTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    internal const string HostileName = "Vera\0\r\nORGANIZER:mailto:evil@evil.example\r\nATTENDEE:mailto:evil@evil.example\u202e\u2066 \"Q\";:,\\";

    private readonly HttpClient _admin = app.Admin();

    /// <summary>Addresses the rule refuses, as a row written before it may hold them.</summary>
    internal static readonly string[] StoredAddresses =
    [
        "attacker%evil.example@augsburg.example",
        "\"vera vertretung\"@augsburg.example",
        "vera@[127.0.0.1]",
        "@augsburg.example:vera@evil.example",
        "evil.example!vera@augsburg.example",
        "vera(kommentar)@augsburg.example",
        "vera..v@augsburg.example",
        "vera@augsburg",
        "vera v@augsburg.example",
        "vera\r\nBcc: evil@evil.example",
        "",
    ];

    public static TheoryData<string> Stored => new(StoredAddresses);

    private async Task<(Guid Meeting, Guid Series, Guid Department, Guid Invitation)> Published()
    {
        var department = Guid.Parse(await _admin.CreateDepartment());
        var series = Guid.Parse(await _admin.CreateSeries());
        var meeting = Guid.Parse(await _admin.CreatePublished(series.ToString(), app.Clock.GetUtcNow().AddDays(30)));
        var invitation = Guid.Parse((await _admin.Invitations(meeting.ToString())).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department.ToString()).Id());
        return (meeting, series, department, invitation);
    }

    [Theory]
    [MemberData(nameof(Stored))]
    public async Task A_stored_address_that_breaks_the_rule_fails_its_own_mail_alone_and_reaches_no_mail_server(string address)
    {
        var (meeting, _, _, invitation) = await Published();
        var row = await app.Db(db => db.Deliveries.Where(d => d.InvitationId == invitation && d.Kind == DeliveryKind.Invitation).Select(d => d.Id).SingleAsync());
        await app.Overwrite<Invitation>(invitation, ("Recipient.Email", address), ("Recipient.Name", HostileName));
        await app.Overwrite<Delivery>(row, ("RecipientEmail", address), ("Recipient.Email", address), ("Recipient.Name", HostileName));
        var due = await app.Db(db => db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Queued && d.DueAt <= app.Clock.GetUtcNow()));
        var before = app.Smtp.Received.Count;

        var result = await app.Dispatch();

        Assert.Equal((due, 1, due - 1), (result.Claimed, result.Failed, result.Sent));
        Assert.Equal(due - 1, app.Smtp.Received.Count - before);
        var failed = await app.Db(db => db.Deliveries.AsNoTracking().SingleAsync(d => d.Id == row));
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Contains("local@domain", failed.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Smtp.Received, m => MessageIds.RowOf(m.MessageId) == row);
        Assert.Contains(app.Smtp.Received, m => m.Headers["X-Meetings-Meeting"] == meeting.ToString());
    }

    [Fact]
    public async Task A_row_whose_mail_cannot_be_composed_fails_alone_with_the_reason_and_the_rest_of_its_batch_goes_out()
    {
        var (meeting, _, _, invitation) = await Published();
        var row = await app.Db(db => db.Deliveries.Where(d => d.InvitationId == invitation && d.Kind == DeliveryKind.Invitation).Select(d => d.Id).SingleAsync());
        // An update whose occasion is no update: every rule lets it go (the invitation stands), and the letter has no text for it.
        await app.Overwrite<Delivery>(row, ("Kind", DeliveryKind.Update));
        var due = await app.Db(db => db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Queued && d.DueAt <= app.Clock.GetUtcNow()));
        var dueHere = await app.Db(db => db.Deliveries.CountAsync(d => d.MeetingId == meeting && d.Status == DeliveryStatus.Queued && d.DueAt <= app.Clock.GetUtcNow()));

        var result = await app.Dispatch();

        Assert.Equal((due, 1, due - 1), (result.Claimed, result.Failed, result.Sent));
        var failed = await app.Db(db => db.Deliveries.AsNoTracking().SingleAsync(d => d.Id == row));
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.StartsWith("The mail could not be judged or composed: ArgumentOutOfRangeException", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(dueHere - 1, app.Smtp.Received.Count(m => m.Headers["X-Meetings-Meeting"] == meeting.ToString()));
    }

    [Fact]
    public async Task A_ledger_row_or_a_meeting_the_model_cannot_read_fails_its_own_rows_alone_and_the_rest_go_out()
    {
        var (first, _, _, invitation) = await Published();
        var (second, _, _, _) = await Published();
        var (third, _, _, _) = await Published();
        var unreadableRow = await app.Db(db => db.Deliveries.Where(d => d.InvitationId == invitation && d.Kind == DeliveryKind.Invitation).Select(d => d.Id).SingleAsync());
        var ofSecond = await app.Db(db => db.Deliveries.CountAsync(d => d.MeetingId == second && d.Status == DeliveryStatus.Queued && d.DueAt <= app.Clock.GetUtcNow()));
        var ofThird = await app.Db(db => db.Deliveries.CountAsync(d => d.MeetingId == third && d.Status == DeliveryStatus.Queued && d.DueAt <= app.Clock.GetUtcNow()));
        var before = app.Smtp.Received.Count;

        // Values no version of the service wrote: a kind of mail and a meeting status it does not know.
        await app.Db(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Deliveries\" SET \"Kind\" = 'Carrier pigeon' WHERE \"Id\" = {unreadableRow}"));
        await app.Db(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Meetings\" SET \"Status\" = 'Haunted' WHERE \"Id\" = {second}"));
        var result = await app.Dispatch();

        var outcome = await app.Db(db => db.Deliveries.Where(d => d.Id == unreadableRow).Select(d => new { d.Status, d.LastError }).SingleAsync());
        Assert.Equal(DeliveryStatus.Failed, outcome.Status);
        Assert.StartsWith("The ledger row could not be read", outcome.LastError, StringComparison.Ordinal);
        var ofSecondFailed = await app.Db(db => db.Deliveries.Where(d => d.MeetingId == second && d.Status == DeliveryStatus.Failed).Select(d => d.LastError).ToListAsync());
        Assert.Equal(ofSecond, ofSecondFailed.Count);
        Assert.All(ofSecondFailed, e => Assert.Contains("What the mail is about could not be read", e, StringComparison.Ordinal));
        Assert.Equal(ofThird, app.Smtp.Received.Skip(before).Count(m => m.Headers["X-Meetings-Meeting"] == third.ToString()));
        Assert.Contains(app.Smtp.Received.Skip(before), m => m.Headers["X-Meetings-Meeting"] == first.ToString());
        Assert.Equal(ofSecond, result.Failed);
    }
}

/// <summary>
/// Issue 19: stored data that breaks today's rules breaks no read — no calendar file, page or JSON read answers 5xx, and
/// every calendar file has its one ORGANIZER and exactly the intended ATTENDEE, whatever the stored address holds. A
/// fixture of its own: the departments it spoils stay in its directory.
/// </summary>
public sealed class StoredDataReadTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private const string HostileName = StoredDataTests.HostileName;

    private readonly HttpClient _admin = app.Admin();

    /// <summary>The addresses the rule refuses, and one it takes that a mailto: URI must encode (<c>#</c>, <c>?</c>, <c>&amp;</c>).</summary>
    public static TheoryData<string> Addresses => new([.. StoredDataTests.StoredAddresses, "vera#x?y=z&cc=evil@evil.example"]);

    private async Task<(Guid Meeting, Guid Series, Guid Department, Guid Invitation)> Published()
    {
        var department = Guid.Parse(await _admin.CreateDepartment());
        var series = Guid.Parse(await _admin.CreateSeries());
        var meeting = Guid.Parse(await _admin.CreatePublished(series.ToString(), app.Clock.GetUtcNow().AddDays(30)));
        var invitation = Guid.Parse((await _admin.Invitations(meeting.ToString())).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department.ToString()).Id());
        return (meeting, series, department, invitation);
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task No_calendar_file_page_or_JSON_read_answers_5xx_for_stored_addresses_and_names_that_break_the_rules(string address)
    {
        var (meeting, series, department, invitation) = await Published();
        var delegated = (await _admin.Invitations(meeting.ToString())).First(i => i.Str("kind") == "host").Id();
        await (await _admin.Answer(meeting.ToString(), delegated, new { status = "delegated", @delegate = new { name = "Vera", email = "vera.v@augsburg.example" } }))
            .Json(HttpStatusCode.OK);
        var speaker = (await (await _admin.PostJson($"/api/meetings/{meeting}/speakers", new
        {
            cityId = await _admin.CreatePartnerCity(), name = "Dr. Anna Huber", title = "IT-Direktorin", organization = "München",
            email = $"{Guid.NewGuid():N}@partner.example", talkTitle = "Die E-Akte", requestedMinutes = 20,
        })).Json(HttpStatusCode.Created)).Id();

        await app.Overwrite<Series>(series, ("OrganizerEmail", address), ("Name", HostileName), ("Hosts[0].Email", address), ("Hosts[0].Name", HostileName));
        await app.Overwrite<Department>(department, ("Head.Email", address), ("Head.Name", HostileName), ("Deputy.Email", address), ("Name", HostileName));
        await app.Overwrite<Meeting>(meeting, ("Title", HostileName), ("Location.Room", HostileName), ("Location.OnlineUrl", "javascript:alert(1)"));
        await app.Overwrite<Invitation>(invitation, ("Recipient.Email", address), ("Recipient.Name", HostileName));
        await app.Overwrite<Invitation>(Guid.Parse(delegated), ("Delegate.Email", address), ("Delegate.Name", HostileName));
        await app.Overwrite<Speaker>(Guid.Parse(speaker), ("Email", address), ("Name", HostileName));
        var headToken = await app.TokenOf(invitation.ToString());
        var delegateToken = await app.Db(db => db.Invitations.Where(i => i.Id == Guid.Parse(delegated)).Select(i => i.DelegateToken!).SingleAsync());
        var anonymous = app.Anonymous();

        var meetingFile = await _admin.GetAsync($"/api/meetings/{meeting}/calendar.ics");
        var seriesFile = await _admin.GetAsync($"/api/series/{series}/calendar.ics");
        var headFile = await anonymous.GetAsync($"/rsvp/{headToken}/calendar.ics");
        var delegateFile = await anonymous.GetAsync($"/rsvp/{delegateToken}/calendar.ics");
        string[] reads =
        [
            $"/api/meetings/{meeting}", $"/api/meetings/{meeting}/invitations", $"/api/meetings/{meeting}/invitations/{invitation}/history",
            $"/api/meetings/{meeting}/attendance", $"/api/meetings/{meeting}/agenda", $"/api/meetings/{meeting}/speakers", $"/api/meetings/{meeting}/speakers/{speaker}",
            $"/api/meetings/{meeting}/deliveries", $"/api/meetings?take=200", $"/api/series/{series}", "/api/series?take=200", $"/api/departments/{department}",
            "/api/departments?take=200", $"/api/series/{series}/deliveries", $"/api/series/{series}/cadence",
        ];
        var responses = new List<(string Url, HttpStatusCode Status)>();
        foreach (var url in reads)
        {
            responses.Add((url, (await _admin.GetAsync(url)).StatusCode));
        }

        foreach (var url in new[] { $"/api/rsvp/{headToken}", $"/api/rsvp/{delegateToken}", $"/rsvp/{headToken}", $"/rsvp/{delegateToken}", $"/rsvp/{headToken}?lang=en" })
        {
            responses.Add((url, (await anonymous.GetAsync(url)).StatusCode));
        }

        Assert.All(responses, r => Assert.True(r.Status == HttpStatusCode.OK, $"{r.Url}: {(int)r.Status}\n{ServerErrors.Recent()}"));
        AssertCalendar(await Ok(meetingFile), address, attendee: null);
        AssertCalendar(await Ok(seriesFile), address, attendee: null);
        AssertCalendar(await Ok(headFile), address, attendee: address);
        AssertCalendar(await Ok(delegateFile), address, attendee: address);
        var page = await (await anonymous.GetAsync($"/rsvp/{headToken}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("javascript:", page, StringComparison.Ordinal); // a stored link that is no web address is no link
    }

    private static async Task<string> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}\n{ServerErrors.Recent()}");
        return text;
    }

    /// <summary>Each VEVENT with exactly one ORGANIZER (the stored address, percent-decoded) and exactly the intended ATTENDEE, or none.</summary>
    private static void AssertCalendar(string text, string organizer, string? attendee)
    {
        var lines = Regex.Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "\n[ \t]", string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Count(l => l == "BEGIN:VEVENT"), lines.Count(l => Property(l) == "ORGANIZER"));
        Assert.Equal(attendee is null ? 0 : 1, lines.Count(l => Property(l) == "ATTENDEE"));
        Assert.DoesNotContain(lines, l => Property(l) == "URL"); // the stored link is no web address
        foreach (var vevent in Calendar.Load(text)!.Events)
        {
            Assert.Equal(organizer, AddressOf(vevent.Organizer!.Value!));
            Assert.Equal(attendee, vevent.Attendees.SingleOrDefault() is { } a ? AddressOf(a.Value!) : null);
        }
    }

    /// <summary>The one address of a mailto: URI (RFC 6068): <c>mailto:addr</c>, or <c>mailto:?to=addr</c>, percent-decoded.</summary>
    private static string AddressOf(Uri mailto)
    {
        var value = mailto.OriginalString;
        Assert.StartsWith("mailto:", value, StringComparison.OrdinalIgnoreCase);
        return Uri.UnescapeDataString(value.StartsWith("mailto:?to=", StringComparison.OrdinalIgnoreCase) ? value["mailto:?to=".Length..] : value["mailto:".Length..]);
    }

    private static string Property(string line) => line[..Math.Max(0, line.IndexOfAny([';', ':']))];
}
