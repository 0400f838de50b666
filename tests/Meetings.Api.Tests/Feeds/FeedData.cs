using System.Net;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Domain.Feeds;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Tests.Feeds;

/// <summary>Feeds as a test reaches them: a person's token from the database (it is mailed, never answered), a department's people.</summary>
internal static class FeedData
{
    public static Task<string?> PersonFeedToken(this MeetingsApp app, string email) =>
        app.Db(db => db.Feeds.Where(f => f.Kind == FeedKind.Person && f.PersonEmail == email && f.RevokedAt == null).Select(f => f.Token).SingleOrDefaultAsync());

    public static async Task<JsonElement> Department(this HttpClient admin, string id) =>
        await (await admin.GetAsync($"/api/departments/{id}")).Json(HttpStatusCode.OK);

    public static string HeadEmail(this JsonElement department) => department.GetProperty("head").Str("email");

    public static string DeputyEmail(this JsonElement department) => department.GetProperty("deputy").Str("email");

    /// <summary>The feed as a calendar program reads it, parsed with Ical.Net.</summary>
    public static async Task<(Ical.Net.Calendar Calendar, string Text, HttpResponseMessage Response)> Feed(this MeetingsApp app, string token)
    {
        var response = await app.Anonymous().GetAsync($"/calendar/{token}.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return (Ical.Net.Calendar.Load(text)!, text, response);
    }

    public static string[] Uids(this Ical.Net.Calendar calendar) => [.. calendar.Events.Select(e => e.Uid!).Order()];
}
