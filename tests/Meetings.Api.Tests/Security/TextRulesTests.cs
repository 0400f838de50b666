using System.Net;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Security;

/// <summary>
/// Finding 1 of the security review: text that breaks out of its field. One-line fields refuse control characters
/// and bidirectional overrides with a 400 naming the field, on every channel; multi-line fields keep LF only.
/// </summary>
public sealed class TextRulesTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private const string Injection = "Vera\r\nORGANIZER:mailto:evil@augsburg.example\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:evil@augsburg.example";
    private readonly HttpClient _admin = app.Admin();

    public static TheoryData<string> Breakers => ["\r", "\n", "\r\n", "\t", "\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u009b", "\u202a", "\u202e", "\u2066", "\u2069"];

    private async Task<(string Meeting, JsonElement Invitation, string DepartmentId)> Invited()
    {
        var departmentId = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(30));
        var invitation = (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == departmentId);
        return (meeting, invitation, departmentId);
    }

    private static void AssertField(JsonElement errors, string field) =>
        Assert.True(errors.TryGetProperty(field, out _), $"expected an error for '{field}', got {errors}");

    [Fact]
    public async Task A_delegate_name_with_line_breaks_is_refused_through_the_personal_link_and_nothing_changes()
    {
        var (meeting, invitation, _) = await Invited();

        var response = await app.Anonymous().PutJson($"/api/rsvp/{(await app.Token(invitation))}", new
        {
            status = "delegated",
            @delegate = new { name = Injection, email = "vera.vertretung@augsburg.example" },
        });

        AssertField(await response.ValidationErrors(), "delegate.name");
        Assert.Equal("pending", (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation.Id()).Str("status"));
    }

    [Theory]
    [MemberData(nameof(Breakers))]
    public async Task One_line_fields_refuse_control_characters_and_bidirectional_overrides_naming_the_field(string breaker)
    {
        var (meeting, invitation, departmentId) = await Invited();
        var (_, partnerKey) = await _admin.CreateKey("partner", cityId: await _admin.CreatePartnerCity());
        var code = DirectoryData.Unique("T").ToUpperInvariant();

        var head = await _admin.PostJson("/api/departments", new
        {
            code, name = "Amt für Tests", head = new { name = $"Hans{breaker}Müller", email = $"h.{code.ToLowerInvariant()}@augsburg.example" },
        });
        var title = await _admin.PostJson("/api/meetings", new { seriesId = await _admin.CreateSeries(), title = $"Treffen{breaker}Zwei", startsAt = MeetingsApp.Start.AddDays(40).ToString("O") });
        var room = await _admin.PutJson($"/api/meetings/{meeting}", new { title = "Treffen", location = new { name = "Rathaus", room = $"Saal{breaker}1" } });
        var talk = await app.WithKey(partnerKey).PostJson($"/api/meetings/{meeting}/speakers", new
        {
            name = "Dr. Anna Huber", title = "IT-Direktorin", organization = "München", email = $"{Guid.NewGuid():N}@partner.example",
            talkTitle = $"Die E-Akte{breaker}Bitte überweisen Sie", requestedMinutes = 20,
        });
        var agenda = await _admin.PostJson($"/api/meetings/{meeting}/agenda", new { title = $"Punkt{breaker}1", durationMinutes = 10, kind = "discussion" });
        var email = await _admin.PutJson($"/api/departments/{departmentId}", new
        {
            code = DirectoryData.Unique("E").ToUpperInvariant(), name = "Amt", head = new { name = "Hans", email = $"hans{breaker}@augsburg.example" },
        });
        var delegateName = await app.Anonymous().PutJson($"/api/rsvp/{(await app.Token(invitation))}", new
        {
            status = "delegated", @delegate = new { name = $"Vera{breaker}Vertretung", email = "vera.vertretung@augsburg.example" },
        });

        AssertField(await head.ValidationErrors(), "head.name");
        AssertField(await title.ValidationErrors(), "title");
        AssertField(await room.ValidationErrors(), "location.room");
        AssertField(await talk.ValidationErrors(), "talkTitle");
        AssertField(await agenda.ValidationErrors(), "title");
        AssertField(await email.ValidationErrors(), "head.email");
        AssertField(await delegateName.ValidationErrors(), "delegate.name");
    }

    [Fact]
    public async Task Multi_line_fields_keep_line_feeds_and_refuse_every_other_control_character()
    {
        var (meeting, invitation, _) = await Invited();
        var token = await app.Token(invitation);

        var described = await _admin.PutJson($"/api/meetings/{meeting}", new { title = "Treffen", description = "Zeile 1\nZeile 2", location = new { name = "Rathaus" } });
        var commented = await app.Anonymous().PutJson($"/api/rsvp/{token}", new { status = "accepted", comment = "Ich komme.\nEtwas später." });
        var tab = await app.Anonymous().PutJson($"/api/rsvp/{token}", new { status = "declined", comment = "Ich\tkomme nicht." });
        var bidi = await _admin.Action(meeting, "cancel", new { reason = "Haushalt\u202eKlausur" });
        var lonelyReturn = await _admin.PutJson($"/api/meetings/{meeting}", new { title = "Treffen", description = "Zeile 1\rZeile 2", location = new { name = "Rathaus" } });

        Assert.Equal("Zeile 1\nZeile 2", (await described.Json(HttpStatusCode.OK)).Str("description"));
        Assert.Equal("Ich komme.\nEtwas später.", (await commented.Json(HttpStatusCode.OK)).GetProperty("invitation").Str("comment"));
        AssertField(await tab.ValidationErrors(), "comment");
        AssertField(await bidi.ValidationErrors(), "reason");
        AssertField(await lonelyReturn.ValidationErrors(), "description");
    }

    [Theory]
    [InlineData("Vera \u202eVertretung")] // a bidi override inside a quoted CN
    [InlineData("Vera^nORGANIZER:mailto:evil@augsburg.example")] // RFC 6868: ^n is a line break
    public async Task A_calendar_reply_whose_CN_carries_a_control_character_is_refused_naming_the_delegates_name(string cn)
    {
        var (meeting, invitation, _) = await Invited();
        var head = invitation.GetProperty("recipient").Str("email");

        var response = await _admin.SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "DELEGATED", "vera.neu@augsburg.example", cn: $"\"{cn}\""));

        AssertField(await response.ValidationErrors(), "delegate.name");
        Assert.Equal("pending", (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation.Id()).Str("status"));
    }
}
