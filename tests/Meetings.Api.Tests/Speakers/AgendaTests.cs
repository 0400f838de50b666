using System.Net;
using System.Text.Json;
using Ical.Net;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Speakers;

public sealed class AgendaTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private async Task<string> Meeting(DateTimeOffset? startsAt = null) =>
        await _admin.CreatePublished(await _admin.CreateSeries(), startsAt ?? new DateTimeOffset(2026, 6, 10, 14, 0, 0, TimeSpan.FromHours(2))); // 180 min

    private Task<HttpResponseMessage> Add(string meeting, string title, int minutes, string kind = "talk", object? presenter = null, int? position = null) =>
        _admin.PostJson($"/api/meetings/{meeting}/agenda", new { title, durationMinutes = minutes, kind, presenter, position });

    private static string[] Titles(JsonElement agenda) => agenda.GetProperty("items").EnumerateArray().Select(i => i.Str("title")).ToArray();

    [Fact]
    public async Task Items_get_positions_and_times_computed_from_the_start()
    {
        var meeting = await Meeting();
        await Add(meeting, "Begrüßung", 15, "other", new { kind = "host", name = "Oberbürgermeisterin" });
        await Add(meeting, "E-Akte", 45);
        var pause = await (await Add(meeting, "Kaffeepause", 20, "break", position: 2)).Json(HttpStatusCode.Created);

        var agenda = await (await _admin.GetAsync($"/api/meetings/{meeting}/agenda")).Json(HttpStatusCode.OK);
        Assert.Equal(["Begrüßung", "Kaffeepause", "E-Akte"], Titles(agenda));
        var items = agenda.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal([1, 2, 3], items.Select(i => i.GetProperty("position").GetInt32()).ToArray());
        Assert.Equal("2026-06-10T12:00:00Z", items[0].Str("startsAt"));
        Assert.Equal("2026-06-10T12:15:00Z", items[1].Str("startsAt"));
        Assert.Equal("2026-06-10T14:35:00+02:00", items[2].Str("startsAtLocal"));
        Assert.Equal("2026-06-10T13:20:00Z", items[2].Str("endsAt"));
        Assert.Equal(80, agenda.GetProperty("totalMinutes").GetInt32());
        Assert.Equal(100, agenda.GetProperty("remainingMinutes").GetInt32());
        Assert.Equal(2, pause.GetProperty("position").GetInt32());
        Assert.Equal("2026-06-10T12:15:00Z", pause.Str("startsAt"));
        Assert.Equal("2026-06-10T12:35:00Z", pause.Str("endsAt"));
    }

    [Fact]
    public async Task An_added_item_is_a_resource_at_its_location_that_put_and_delete_address()
    {
        var meeting = await Meeting();
        await Add(meeting, "Begrüßung", 15, "other", new { kind = "host", name = "Oberbürgermeisterin" });

        var created = await Add(meeting, "E-Akte", 45);

        var item = await created.Json(HttpStatusCode.Created);
        Assert.Equal($"/api/meetings/{meeting}/agenda/{item.Id()}", created.Headers.Location?.OriginalString);
        var read = await (await _admin.GetAsync(created.Headers.Location)).Json(HttpStatusCode.OK);
        Assert.Equal(("E-Akte", 2, "2026-06-10T12:15:00Z"), (read.Str("title"), read.GetProperty("position").GetInt32(), read.Str("startsAt")));
        var replaced = await (await _admin.PutJson(created.Headers.Location!.OriginalString, new { title = "E-Akte: Stand", durationMinutes = 30, kind = "talk" }))
            .Json(HttpStatusCode.OK);
        Assert.Equal(("E-Akte: Stand", "2026-06-10T12:45:00Z"), (replaced.Str("title"), replaced.Str("endsAt")));
        var deleted = await _admin.DeleteAsync(created.Headers.Location);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsStringAsync());
        await (await _admin.GetAsync(created.Headers.Location)).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_item_past_the_end_is_a_409_that_says_how_many_minutes_over()
    {
        var meeting = await Meeting();
        await Add(meeting, "Block 1", 170);

        var tooLong = await Add(meeting, "Block 2", 25);

        Assert.Contains("15 minutes", (await tooLong.Problem(HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
        var agenda = await (await _admin.GetAsync($"/api/meetings/{meeting}/agenda")).Json(HttpStatusCode.OK);
        Assert.Equal(["Block 1"], Titles(agenda));
    }

    [Fact]
    public async Task Growing_an_item_past_the_end_is_a_409_and_shrinking_it_works()
    {
        var meeting = await Meeting();
        var item = (await (await Add(meeting, "Block", 100)).Json(HttpStatusCode.Created)).Id();

        var grown = await _admin.PutJson($"/api/meetings/{meeting}/agenda/{item}", new { title = "Block", durationMinutes = 181, kind = "talk" });
        var shrunk = await (await _admin.PutJson($"/api/meetings/{meeting}/agenda/{item}", new { title = "Block", durationMinutes = 60, kind = "discussion" })).Json(HttpStatusCode.OK);

        Assert.Contains("1 minutes", (await grown.Problem(HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal(60, shrunk.GetProperty("durationMinutes").GetInt32());
    }

    [Fact]
    public async Task Durations_outside_1_to_480_and_unknown_kinds_are_400s()
    {
        var meeting = await Meeting();

        await (await Add(meeting, "Null", 0)).ValidationErrors();
        await (await Add(meeting, "Zu lang", 481)).ValidationErrors();
        await (await Add(meeting, "Art", 10, "keynote")).Problem(HttpStatusCode.BadRequest);
        await (await Add(meeting, "Position", 10, position: 5)).ValidationErrors();
    }

    [Fact]
    public async Task Reordering_takes_exactly_the_current_items()
    {
        var meeting = await Meeting();
        var ids = new List<string>();
        foreach (var title in new[] { "A", "B", "C" })
        {
            ids.Add((await (await Add(meeting, title, 10)).Json(HttpStatusCode.Created)).Id());
        }

        var reordered = await (await _admin.PutJson($"/api/meetings/{meeting}/agenda/order", new { itemIds = new[] { ids[2], ids[0], ids[1] } })).Json(HttpStatusCode.OK);

        Assert.Equal(["C", "A", "B"], Titles(reordered));
        await (await _admin.PutJson($"/api/meetings/{meeting}/agenda/order", new { itemIds = new[] { ids[0], ids[1] } })).ValidationErrors();
        await (await _admin.PutJson($"/api/meetings/{meeting}/agenda/order", new { itemIds = new[] { ids[0], ids[0], ids[1] } })).ValidationErrors();
        await (await _admin.PutJson($"/api/meetings/{meeting}/agenda/order", new { itemIds = new[] { ids[0], ids[1], Guid.NewGuid().ToString() } })).ValidationErrors();
    }

    [Fact]
    public async Task Removing_an_item_closes_the_gap()
    {
        var meeting = await Meeting();
        var first = (await (await Add(meeting, "A", 10)).Json(HttpStatusCode.Created)).Id();
        await Add(meeting, "B", 10);

        var removed = await _admin.DeleteAsync($"/api/meetings/{meeting}/agenda/{first}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var after = await (await _admin.GetAsync($"/api/meetings/{meeting}/agenda")).Json(HttpStatusCode.OK);
        Assert.Equal(["B"], Titles(after));
        Assert.Equal(1, after.GetProperty("items")[0].GetProperty("position").GetInt32());
        Assert.Equal("2026-06-10T12:00:00Z", after.GetProperty("items")[0].Str("startsAt"));
        await (await _admin.DeleteAsync($"/api/meetings/{meeting}/agenda/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Presenters_must_be_a_department_or_a_confirmed_speaker_of_this_meeting()
    {
        var meeting = await Meeting();
        var department = await _admin.CreateDepartment();

        var byDepartment = await (await Add(meeting, "Bericht", 10, presenter: new { kind = "department", refId = department })).Json(HttpStatusCode.Created);
        var unknownDepartment = await Add(meeting, "X", 10, presenter: new { kind = "department", refId = Guid.NewGuid() });
        var unknownSpeaker = await Add(meeting, "X", 10, presenter: new { kind = "speaker", refId = Guid.NewGuid() });
        var hostWithoutName = await Add(meeting, "X", 10, presenter: new { kind = "host" });

        Assert.StartsWith("Amt ", byDepartment.GetProperty("presenter").Str("name"), StringComparison.Ordinal);
        Assert.True((await unknownDepartment.ValidationErrors()).TryGetProperty("presenter.refId", out _));
        Assert.True((await unknownSpeaker.ValidationErrors()).TryGetProperty("presenter.refId", out _));
        Assert.True((await hostWithoutName.ValidationErrors()).TryGetProperty("presenter.name", out _));
    }

    [Fact]
    public async Task Rescheduling_moves_every_computed_time_across_the_DST_change()
    {
        var meeting = await Meeting(new DateTimeOffset(2026, 10, 23, 10, 0, 0, TimeSpan.FromHours(2)));
        await Add(meeting, "A", 30);
        await Add(meeting, "B", 30);

        await (await _admin.Action(meeting, "reschedule", new { startsAt = "2026-10-26T10:00:00+01:00", endsAt = "2026-10-26T13:00:00+01:00" })).Json(HttpStatusCode.OK);

        var agenda = await (await _admin.GetAsync($"/api/meetings/{meeting}/agenda")).Json(HttpStatusCode.OK);
        var items = agenda.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal("2026-10-26T10:00:00+01:00", items[0].Str("startsAtLocal"));
        Assert.Equal("2026-10-26T10:30:00+01:00", items[1].Str("startsAtLocal"));
        Assert.Equal("2026-10-26T09:30:00Z", items[1].Str("startsAt"));
    }

    [Fact]
    public async Task A_meeting_cannot_be_shortened_below_its_agenda()
    {
        var meeting = await Meeting();
        await Add(meeting, "Lang", 150);

        var response = await _admin.Action(meeting, "reschedule", new { startsAt = "2026-06-11T14:00:00+02:00", endsAt = "2026-06-11T16:00:00+02:00" });

        await response.Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_agenda_shows_in_the_personal_link_and_the_calendar_file()
    {
        await _admin.CreateDepartment();
        var meeting = await Meeting();
        await Add(meeting, "Digitale Roadmap", 40, presenter: new { kind = "host", name = "Stadtdirektor" });
        var token = await app.Token((await _admin.Invitations(meeting)).First(i => i.Str("kind") == "department"));

        var view = await (await app.Anonymous().GetAsync($"/api/rsvp/{token}")).Json(HttpStatusCode.OK);
        var ics = Calendar.Load(await _admin.GetStringAsync($"/api/meetings/{meeting}/calendar.ics"))!.Events.Single();

        Assert.Equal("Digitale Roadmap", view.GetProperty("agenda")[0].Str("title"));
        Assert.Contains("14:00–14:40 Digitale Roadmap (Stadtdirektor)", ics.Description, StringComparison.Ordinal);
    }
}
