using System.Net;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Speakers;

public sealed class SpeakersTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private static readonly DateTimeOffset InAMonth = MeetingsApp.Start.AddDays(30);
    private readonly HttpClient _admin = app.Admin();

    private static object Proposal(string? email = null, int minutes = 30, string? cityId = null) => new
    {
        cityId,
        name = "Dr. Anna Huber",
        title = "IT-Direktorin",
        organization = "Landeshauptstadt München",
        email = email ?? $"{Guid.NewGuid():N}@muenchen.example",
        talkTitle = "Die E-Akte in München",
        @abstract = "Was wir gelernt haben.",
        requestedMinutes = minutes,
    };

    private async Task<(string City, HttpClient Partner)> Partner()
    {
        var city = await _admin.CreatePartnerCity();
        var (_, key) = await _admin.CreateKey("partner", cityId: city);
        return (city, app.WithKey(key));
    }

    private static async Task<JsonElement> Registered(HttpResponseMessage response) => await response.Json(HttpStatusCode.Created);

    [Fact]
    public async Task A_partner_registers_for_its_own_city_whatever_the_body_says()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var (city, partner) = await Partner();
        var otherCity = await _admin.CreatePartnerCity();

        var speaker = await Registered(await partner.PostJson($"/api/meetings/{meeting}/speakers", Proposal(cityId: otherCity)));

        Assert.Equal(city, speaker.Str("cityId"));
        Assert.Equal("proposed", speaker.Str("status"));
    }

    [Fact]
    public async Task A_partner_sees_and_changes_only_its_own_citys_speakers()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var (_, munich) = await Partner();
        var (_, regensburg) = await Partner();
        var ours = (await Registered(await munich.PostJson($"/api/meetings/{meeting}/speakers", Proposal()))).Id();
        var theirs = (await Registered(await regensburg.PostJson($"/api/meetings/{meeting}/speakers", Proposal()))).Id();

        var list = await (await munich.GetAsync($"/api/meetings/{meeting}/speakers")).Json(HttpStatusCode.OK);

        Assert.Equal([ours], list.GetProperty("items").EnumerateArray().Select(s => s.Id()).ToArray());
        await (await munich.GetAsync($"/api/meetings/{meeting}/speakers/{theirs}")).Problem(HttpStatusCode.NotFound);
        await (await munich.PutJson($"/api/meetings/{meeting}/speakers/{theirs}", Proposal())).Problem(HttpStatusCode.NotFound);
        await (await munich.DeleteAsync($"/api/meetings/{meeting}/speakers/{theirs}")).Problem(HttpStatusCode.NotFound);
        var all = await (await _admin.GetAsync($"/api/meetings/{meeting}/speakers")).Json(HttpStatusCode.OK);
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        await (await munich.PostAsync($"/api/meetings/{meeting}/speakers/{ours}/confirm", null)).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_admin_registers_for_a_partner_city_named_in_the_body()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var city = await _admin.CreatePartnerCity();

        var missing = await _admin.PostJson($"/api/meetings/{meeting}/speakers", Proposal());
        var speaker = await Registered(await _admin.PostJson($"/api/meetings/{meeting}/speakers", Proposal(cityId: city)));

        Assert.True((await missing.ValidationErrors()).TryGetProperty("cityId", out _));
        Assert.Equal(city, speaker.Str("cityId"));
    }

    [Fact]
    public async Task The_same_email_twice_for_one_meeting_is_a_409_but_again_after_withdrawal_is_fine()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var (_, partner) = await Partner();
        var first = (await Registered(await partner.PostJson($"/api/meetings/{meeting}/speakers", Proposal("anna@muenchen.example")))).Id();

        await (await partner.PostJson($"/api/meetings/{meeting}/speakers", Proposal("Anna@Muenchen.example"))).Problem(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await partner.DeleteAsync($"/api/meetings/{meeting}/speakers/{first}")).StatusCode);
        await Registered(await partner.PostJson($"/api/meetings/{meeting}/speakers", Proposal("anna@muenchen.example")));
    }

    [Fact]
    public async Task Re_registering_with_the_same_Idempotency_Key_creates_nothing_new()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var (_, partner) = await Partner();
        var body = Proposal("idem@muenchen.example");

        var first = await Send(partner, meeting, body, "speaker-1");
        var again = await Send(partner, meeting, body, "speaker-1");
        var other = await Send(partner, meeting, Proposal("other@muenchen.example"), "speaker-1");

        Assert.Equal((await first.Json(HttpStatusCode.Created)).Id(), (await again.Json(HttpStatusCode.Created)).Id());
        await other.Problem(HttpStatusCode.UnprocessableEntity);
        var list = await (await partner.GetAsync($"/api/meetings/{meeting}/speakers")).Json(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());

        static Task<HttpResponseMessage> Send(HttpClient client, string meeting, object body, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/meetings/{meeting}/speakers") { Content = System.Net.Http.Json.JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return client.SendAsync(request);
        }
    }

    [Fact]
    public async Task An_Idempotency_Key_on_an_absurdly_long_path_is_a_4xx_never_a_5xx()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/meetings/{new string('x', 400)}/speakers") { Content = System.Net.Http.Json.JsonContent.Create(Proposal()) };
        request.Headers.Add("Idempotency-Key", "long-path");

        var response = await _admin.SendAsync(request);

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task A_first_attempt_that_never_finished_is_taken_over_by_a_retry_after_two_minutes()
    {
        // A claim without an answer, as a request leaves it that died with its process or its database.
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var city = await _admin.CreatePartnerCity();
        var (keyId, key) = await _admin.CreateKey("partner", cityId: city);
        var partner = app.WithKey(key);
        var body = JsonSerializer.SerializeToUtf8Bytes(Proposal("late@muenchen.example"), JsonSerializerOptions.Web);
        await app.Db(db =>
        {
            db.IdempotencyRecords.Add(new global::Meetings.Infrastructure.Idempotency.IdempotencyRecord
            {
                Id = Guid.NewGuid(),
                Scope = $"{keyId} POST /api/meetings/{meeting}/speakers",
                Key = "abandoned-1",
                RequestHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)),
                CreatedAt = app.Clock.GetUtcNow(),
            });
            return db.SaveChangesAsync();
        });

        var meanwhile = await Send();
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var retry = await Send();
        var again = await Send();

        await meanwhile.Problem(HttpStatusCode.Conflict);
        Assert.Equal((await retry.Json(HttpStatusCode.Created)).Id(), (await again.Json(HttpStatusCode.Created)).Id());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());

        Task<HttpResponseMessage> Send()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/meetings/{meeting}/speakers") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.Add("Idempotency-Key", "abandoned-1");
            return partner.SendAsync(request);
        }
    }

    [Fact]
    public async Task Confirming_invites_the_speaker_and_adds_the_talk_to_the_agenda()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var (_, partner) = await Partner();
        var speaker = (await Registered(await partner.PostJson($"/api/meetings/{meeting}/speakers", Proposal(minutes: 45)))).Id();

        var confirmed = await (await _admin.PostAsync($"/api/meetings/{meeting}/speakers/{speaker}/confirm", null)).Json(HttpStatusCode.OK);

        Assert.Equal("confirmed", confirmed.Str("status"));
        var invitation = Assert.Single(await _admin.Invitations(meeting), i => i.Str("kind") == "speaker");
        Assert.Equal(speaker, invitation.Str("speakerId"));
        var agenda = await (await _admin.GetAsync($"/api/meetings/{meeting}/agenda")).Json(HttpStatusCode.OK);
        var item = Assert.Single(agenda.GetProperty("items").EnumerateArray());
        Assert.Equal(45, item.GetProperty("durationMinutes").GetInt32());
        Assert.Equal("speaker", item.GetProperty("presenter").Str("kind"));
        Assert.Equal(speaker, item.GetProperty("presenter").Str("refId"));
        await (await partner.PutJson($"/api/meetings/{meeting}/speakers/{speaker}", Proposal())).Problem(HttpStatusCode.Conflict); // no edits once confirmed
    }

    [Fact]
    public async Task Confirming_without_an_agenda_item_when_asked()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var (_, partner) = await Partner();
        var speaker = (await Registered(await partner.PostJson($"/api/meetings/{meeting}/speakers", Proposal()))).Id();

        await (await _admin.PostJson($"/api/meetings/{meeting}/speakers/{speaker}/confirm", new { addToAgenda = false })).Json(HttpStatusCode.OK);

        var agenda = await (await _admin.GetAsync($"/api/meetings/{meeting}/agenda")).Json(HttpStatusCode.OK);
        Assert.Empty(agenda.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_talk_that_does_not_fit_blocks_the_confirmation_with_the_minutes_over()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth); // 180 minutes
        var (_, partner) = await Partner();
        var speaker = (await Registered(await partner.PostJson($"/api/meetings/{meeting}/speakers", Proposal(minutes: 200)))).Id();

        var response = await _admin.PostAsync($"/api/meetings/{meeting}/speakers/{speaker}/confirm", null);

        Assert.Contains("20 minutes", (await response.Problem(HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
        var still = await (await _admin.GetAsync($"/api/meetings/{meeting}/speakers/{speaker}")).Json(HttpStatusCode.OK);
        Assert.Equal("proposed", still.Str("status"));
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_and_keeps_it()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var (_, partner) = await Partner();
        var speaker = (await Registered(await partner.PostJson($"/api/meetings/{meeting}/speakers", Proposal()))).Id();

        var noReason = await _admin.PostJson($"/api/meetings/{meeting}/speakers/{speaker}/reject", new { });
        var rejected = await (await _admin.PostJson($"/api/meetings/{meeting}/speakers/{speaker}/reject", new { reason = "Programm voll" })).Json(HttpStatusCode.OK);

        Assert.True((await noReason.ValidationErrors()).TryGetProperty("reason", out _));
        Assert.Equal("rejected", rejected.Str("status"));
        Assert.Equal("Programm voll", rejected.Str("decisionReason"));
        var seenByPartner = await (await partner.GetAsync($"/api/meetings/{meeting}/speakers/{speaker}")).Json(HttpStatusCode.OK);
        Assert.Equal("rejected", seenByPartner.Str("status"));
        await (await _admin.PostAsync($"/api/meetings/{meeting}/speakers/{speaker}/confirm", null)).Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Withdrawing_a_confirmed_speaker_removes_the_talk_and_withdraws_the_invitation()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), InAMonth);
        var (_, partner) = await Partner();
        var speaker = (await Registered(await partner.PostJson($"/api/meetings/{meeting}/speakers", Proposal()))).Id();
        await _admin.PostAsync($"/api/meetings/{meeting}/speakers/{speaker}/confirm", null);

        Assert.Equal(HttpStatusCode.NoContent, (await partner.DeleteAsync($"/api/meetings/{meeting}/speakers/{speaker}")).StatusCode);

        var agenda = await (await _admin.GetAsync($"/api/meetings/{meeting}/agenda")).Json(HttpStatusCode.OK);
        Assert.Empty(agenda.GetProperty("items").EnumerateArray());
        var invitation = Assert.Single(await _admin.Invitations(meeting), i => i.Str("kind") == "speaker");
        Assert.True(invitation.TryGetProperty("withdrawnAt", out _));
        var withdrawn = await (await partner.GetAsync($"/api/meetings/{meeting}/speakers/{speaker}")).Json(HttpStatusCode.OK);
        Assert.Equal("withdrawn", withdrawn.Str("status"));
    }

    [Fact]
    public async Task A_speaker_confirmed_on_a_draft_is_invited_when_it_is_published()
    {
        var draft = (await _admin.CreateDraft(await _admin.CreateSeries(), InAMonth)).Id();
        var (city, _) = await Partner();
        var speaker = (await Registered(await _admin.PostJson($"/api/meetings/{draft}/speakers", Proposal(cityId: city)))).Id(); // a draft is the office's
        await (await _admin.PostAsync($"/api/meetings/{draft}/speakers/{speaker}/confirm", null)).Json(HttpStatusCode.OK);

        await (await _admin.Action(draft, "publish")).Json(HttpStatusCode.OK);

        Assert.Single(await _admin.Invitations(draft), i => i.Str("kind") == "speaker");
    }

    [Fact]
    public async Task Speakers_only_for_meetings_that_are_ahead_and_not_cancelled()
    {
        var series = await _admin.CreateSeries();
        var cancelled = await _admin.CreatePublished(series, InAMonth);
        await _admin.Action(cancelled, "cancel");
        var (_, partner) = await Partner();

        await (await partner.PostJson($"/api/meetings/{cancelled}/speakers", Proposal())).Problem(HttpStatusCode.Conflict);
        await (await partner.PostJson($"/api/meetings/{Guid.NewGuid()}/speakers", Proposal())).Problem(HttpStatusCode.NotFound);
        var invalid = await partner.PostJson($"/api/meetings/{await _admin.CreatePublished(series, InAMonth)}/speakers", new { name = "", requestedMinutes = 0 });
        var errors = await invalid.ValidationErrors();
        foreach (var field in new[] { "name", "title", "organization", "email", "talkTitle", "requestedMinutes" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        }
    }
}
