using System.Net;
using System.Text.Json;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>Arranges series and meetings through the API.</summary>
public static class MeetingData
{
    public static async Task<string> CreateHostCity(this HttpClient admin)
    {
        var response = await admin.PostJson("/api/cities", new { name = DirectoryData.Unique("Gastgeberstadt "), kind = "host", contactEmail = "ob@host.example" });
        return (await response.Json(HttpStatusCode.Created)).Id();
    }

    public static async Task<string> CreateSeries(this HttpClient admin, int minMeetingsPerYear = 2, bool withLocation = true)
    {
        var city = await admin.CreateHostCity();
        var response = await admin.PostJson("/api/series", new
        {
            name = DirectoryData.Unique("Amtsleitungstreffen "),
            hostCityId = city,
            hosts = new[]
            {
                new { name = "Dr. Maria Lindner", title = "Oberbürgermeisterin", email = $"ob.{Guid.NewGuid():N}@host.example" },
                new { name = "Stefan Brandl", title = "Stadtdirektor", email = $"sd.{Guid.NewGuid():N}@host.example" },
            },
            organizerEmail = "direktorium@host.example",
            minMeetingsPerYear,
            defaultDurationMinutes = 180,
            defaultLocation = withLocation ? new { name = "Rathaus", address = "Rathausplatz 2", room = "Oberer Fletz" } : null,
            timeZone = "Europe/Berlin",
        });
        return (await response.Json(HttpStatusCode.Created)).Id();
    }

    public static async Task<JsonElement> CreateDraft(this HttpClient admin, string seriesId, DateTimeOffset startsAt, object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["seriesId"] = seriesId,
            ["title"] = DirectoryData.Unique("Treffen "),
            ["motto"] = "Digitalisierung",
            ["startsAt"] = startsAt.ToString("O"),
        };
        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                body[p.Name] = p.Value;
            }
        }

        return await (await admin.PostJson("/api/meetings", body)).Json(HttpStatusCode.Created);
    }

    public static async Task<string> CreatePublished(this HttpClient admin, string seriesId, DateTimeOffset startsAt)
    {
        var id = (await admin.CreateDraft(seriesId, startsAt)).Id();
        await (await admin.PostAsync($"/api/meetings/{id}/publish", null)).Json(HttpStatusCode.OK);
        return id;
    }

    /// <summary>Every invitation of the meeting the client may see, page by page.</summary>
    public static async Task<JsonElement[]> Invitations(this HttpClient client, string meetingId)
    {
        var all = new List<JsonElement>();
        while (true)
        {
            var page = await (await client.GetAsync($"/api/meetings/{meetingId}/invitations?skip={all.Count}&take=200")).Json(HttpStatusCode.OK);
            var items = page.GetProperty("items").EnumerateArray().ToArray();
            all.AddRange(items);
            if (items.Length == 0 || all.Count >= page.GetProperty("total").GetInt32())
            {
                return [.. all];
            }
        }
    }

    public static async Task<int> ActiveDepartmentCount(this HttpClient admin) =>
        (await (await admin.GetAsync("/api/departments?active=true&take=1")).Json(HttpStatusCode.OK)).GetProperty("total").GetInt32();

    public static Task<HttpResponseMessage> Action(this HttpClient admin, string meetingId, string action, object? body = null) =>
        admin.PostJson($"/api/meetings/{meetingId}/{action}", body ?? new { });
}

/// <summary>Answers and calendar replies as integrations send them.</summary>
public static class CalendarReplyData
{
    public static Task<HttpResponseMessage> Answer(this HttpClient client, string meetingId, string invitationId, object body) =>
        client.PutJson($"/api/meetings/{meetingId}/invitations/{invitationId}/response", body);

    public static string Reply(string uid, int sequence, string attendee, string partStat, string? delegatedTo = null, string method = "REPLY", string? cn = null) =>
        string.Join("\r\n",
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Outlook-ish//EN", $"METHOD:{method}", "BEGIN:VEVENT", $"UID:{uid}", $"SEQUENCE:{sequence}",
            "DTSTAMP:20260302T080000Z",
            $"ATTENDEE;PARTSTAT={partStat}{(delegatedTo is null ? "" : $";DELEGATED-TO=\"mailto:{delegatedTo}\"")}{(cn is null ? "" : $";CN={cn}")}:mailto:{attendee}",
            "END:VEVENT", "END:VCALENDAR", "");

    public static Task<HttpResponseMessage> SendReply(this HttpClient client, string ics, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/calendar/replies")
        {
            Content = new StringContent(ics, System.Text.Encoding.UTF8, "text/calendar"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static string Uid(string meetingId) => $"{meetingId}@meetings";
}
