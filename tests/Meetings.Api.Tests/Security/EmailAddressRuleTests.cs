using System.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Security;

/// <summary>
/// Issue 19: the one e-mail address rule (SPEC, "One bad row stops nothing") on every way an address comes in — the
/// directory, series, speakers (partner and admin), delegates by department key, personal link, answer page and
/// calendar reply, the minutes' keeper — each a 400 naming the field, and nothing stored. The finding's address,
/// <c>attacker%evil.example@augsburg.example</c>, had passed validation through a head's link.
/// </summary>
public sealed class EmailAddressRuleTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    /// <summary>A source route by %, quoted local parts, IP literals, a single label, a source route by @…:, a bang path, comments, dots.</summary>
    public static TheoryData<string> NotOneMailbox =>
    [
        "attacker%evil.example@augsburg.example",
        "\"vera\"@augsburg.example",
        "\"vera vertretung\"@augsburg.example",
        "vera@[127.0.0.1]",
        "vera@augsburg",
        "@augsburg.example:vera@evil.example",
        "evil.example!vera@augsburg.example",
        "vera(kommentar)@augsburg.example",
        "vera@augsburg.example (kommentar)",
        ".vera@augsburg.example",
        "vera.@augsburg.example",
        "vera..vertretung@augsburg.example",
    ];

    private async Task<(string Meeting, string Invitation, string DepartmentId, string Token)> Invited()
    {
        var departmentId = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30));
        var invitation = (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == departmentId).Id();
        return (meeting, invitation, departmentId, await app.TokenOf(invitation));
    }

    private static async Task AssertRefused(HttpResponseMessage response, params string[] fields)
    {
        var errors = await response.ValidationErrors();
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out var messages), $"expected an error for '{field}', got {errors}");
            Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains("local@domain", StringComparison.Ordinal));
        }
    }

    private static object Person(string email) => new { name = "Vera Vertretung", email };

    [Theory]
    [MemberData(nameof(NotOneMailbox))]
    public async Task An_address_that_is_not_one_mailbox_is_a_400_naming_the_field_on_every_way_in(string address)
    {
        var (meeting, invitation, departmentId, token) = await Invited();
        var cityId = await _admin.CreatePartnerCity();
        var (_, partnerKey) = await _admin.CreateKey("partner", cityId: cityId);
        var (_, departmentKey) = await _admin.CreateKey("department", departmentId: departmentId);
        var speaker = (await (await app.WithKey(partnerKey).PostJson($"/api/meetings/{meeting}/speakers", Speaker("anna.huber@partner.example")))
            .Json(HttpStatusCode.Created)).Id();
        var city = await _admin.CreateHostCity();
        var series = await _admin.CreateSeries();
        var code = DirectoryData.Unique("R").ToUpperInvariant();
        var delegating = new { status = "delegated", @delegate = Person(address) };

        await AssertRefused(await _admin.PostJson("/api/departments", new { code, name = "Amt", head = Person(address), deputy = Person(address) }), "head.email", "deputy.email");
        await AssertRefused(await _admin.PutJson($"/api/departments/{departmentId}", new { code, name = "Amt", head = Person(address) }), "head.email");
        await AssertRefused(await _admin.PostJson("/api/cities", new { name = DirectoryData.Unique("Stadt "), kind = "partner", contactEmail = address }), "contactEmail");
        await AssertRefused(await _admin.PutJson($"/api/cities/{city}", new { name = DirectoryData.Unique("Stadt "), kind = "host", contactEmail = address }), "contactEmail");
        await AssertRefused(await _admin.PostJson("/api/series", SeriesBody(city, address)), "hosts[0].email", "organizerEmail");
        await AssertRefused(await _admin.PutJson($"/api/series/{series}", SeriesBody(city, address)), "hosts[0].email", "organizerEmail");
        await AssertRefused(await app.WithKey(partnerKey).PostJson($"/api/meetings/{meeting}/speakers", Speaker(address)), "email");
        await AssertRefused(await app.WithKey(partnerKey).PutJson($"/api/meetings/{meeting}/speakers/{speaker}", Speaker(address)), "email");
        await AssertRefused(await _admin.PostJson($"/api/meetings/{meeting}/speakers", Speaker(address, cityId)), "email");
        await AssertRefused(await app.WithKey(departmentKey).Answer(meeting, invitation, delegating), "delegate.email");
        await AssertRefused(await _admin.Answer(meeting, invitation, delegating), "delegate.email"); // an admin may name any address, but an address
        await AssertRefused(await app.Anonymous().PutJson($"/api/rsvp/{token}", delegating), "delegate.email");
        var page = await app.Anonymous().PostAnswerPage(token, [new("Form.Choice", "other"), new("Form.DelegateName", "Vera"), new("Form.DelegateEmail", address)]);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode); // the API's status for the same input, shown in words
        Assert.Contains("Bitte geben Sie eine gültige E-Mail-Adresse der Vertretung an", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var stored = (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation);
        Assert.Equal("pending", stored.Str("status"));
        Assert.Equal("anna.huber@partner.example", (await (await _admin.GetAsync($"/api/meetings/{meeting}/speakers/{speaker}")).Json(HttpStatusCode.OK)).Str("email"));
    }

    [Theory]
    [InlineData("attacker%evil.example@augsburg.example", "delegate.email")]
    [InlineData("evil.example!vera@augsburg.example", "delegate.email")]
    [InlineData("vera@augsburg", "delegate.email")]
    [InlineData("vera..vertretung@augsburg.example", "delegate.email")]
    [InlineData("\"vera\"@augsburg.example", "body")] // not even iCalendar: the quote ends the parameter
    [InlineData("vera@[127.0.0.1]", "body")] // Ical.Net reads no URI in it
    public async Task A_calendar_reply_delegating_to_an_address_that_is_not_one_mailbox_is_a_400_naming_it(string address, string field)
    {
        var (meeting, invitation, departmentId, _) = await Invited();
        var (_, departmentKey) = await _admin.CreateKey("department", departmentId: departmentId);
        var head = (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation).GetProperty("recipient").Str("email");

        var response = await app.WithKey(departmentKey).SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, head, "DELEGATED", address, cn: "Vera"));

        var errors = await response.ValidationErrors();
        Assert.True(errors.TryGetProperty(field, out _), $"expected an error for '{field}', got {errors}");
        Assert.Equal("pending", (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation).Str("status"));
    }

    [Theory]
    [InlineData("attacker%25evil.example@augsburg.example")] // percent-encoded in the URI, as RFC 6068 writes a %
    [InlineData("attacker%evil.example@augsburg.example")]
    [InlineData("vera@augsburg")]
    [InlineData("a!b@augsburg.example")]
    public async Task A_calendar_reply_whose_attendee_address_is_not_one_mailbox_is_a_400_naming_the_attendee(string attendee)
    {
        var (meeting, _, departmentId, _) = await Invited();
        var (_, departmentKey) = await _admin.CreateKey("department", departmentId: departmentId);

        var response = await app.WithKey(departmentKey).SendReply(CalendarReplyData.Reply(CalendarReplyData.Uid(meeting), 0, attendee, "ACCEPTED"));

        var errors = await response.ValidationErrors();
        Assert.True(errors.TryGetProperty("attendee", out var message), $"expected an error for 'attendee', got {errors}");
        Assert.Contains("local@domain", message.EnumerateArray().Single().GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_answer_page_refuses_such_a_delegate_in_a_sentence_next_to_the_field_and_saves_nothing()
    {
        var (meeting, invitation, _, token) = await Invited();

        var response = await app.Anonymous().PostAnswerPage(token,
        [
            new("Form.Choice", "other"), new("Form.DelegateName", "Vera Vertretung"), new("Form.DelegateEmail", "attacker%evil.example@augsburg.example"),
        ]);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Bitte geben Sie eine gültige E-Mail-Adresse der Vertretung an", html, StringComparison.Ordinal);
        Assert.Contains("attacker%evil.example@augsburg.example", html, StringComparison.Ordinal); // the form keeps what was entered
        Assert.Equal("pending", (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation).Str("status"));
    }

    [Fact]
    public async Task The_minutes_keeper_is_held_to_the_rule_too()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(1));
        app.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromHours(1))); // the meeting has started

        var response = await _admin.PutJson($"/api/meetings/{meeting}/minutes", new
        {
            keeper = new { name = "Petra Schreiber", email = "protokoll%evil.example@augsburg.example" }, entries = new[] { new { kind = "note", text = "x" } },
        });

        await AssertRefused(response, "keeper.email");
    }

    [Fact]
    public async Task Addresses_of_the_rule_are_taken_on_every_way_in_apostrophe_plus_tag_and_all()
    {
        var (meeting, invitation, _, token) = await Invited();
        var code = DirectoryData.Unique("O").ToUpperInvariant();

        var department = await _admin.PostJson("/api/departments", new
        {
            code, name = "Amt", head = new { name = "Seán O'Brien", email = "O'Brien@Augsburg.example" }, deputy = Person("first.last+amt@augsburg.example"),
        });
        var delegated = await app.Anonymous().PutJson($"/api/rsvp/{token}", new { status = "delegated", @delegate = Person("vera.v+vertretung@augsburg.example") });

        var created = await department.Json(HttpStatusCode.Created);
        Assert.Equal("o'brien@augsburg.example", created.GetProperty("head").Str("email"));
        Assert.Equal("first.last+amt@augsburg.example", created.GetProperty("deputy").Str("email"));
        Assert.Equal("vera.v+vertretung@augsburg.example", (await delegated.Json(HttpStatusCode.OK)).GetProperty("invitation").GetProperty("delegate").Str("email"));
        Assert.Equal("delegated", (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation).Str("status"));
    }

    private static object Speaker(string email, string? cityId = null) => new
    {
        cityId, name = "Dr. Anna Huber", title = "IT-Direktorin", organization = "München", email, talkTitle = "Die E-Akte", requestedMinutes = 20,
    };

    private static object SeriesBody(string city, string address) => new
    {
        name = DirectoryData.Unique("Reihe "), hostCityId = city, hosts = new[] { new { name = "Dr. Maria Lindner", email = address } }, organizerEmail = address,
        timeZone = "Europe/Berlin",
    };
}
