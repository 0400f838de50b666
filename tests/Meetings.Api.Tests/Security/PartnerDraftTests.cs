using System.Net;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Security;

/// <summary>
/// Finding of issue 19: a draft is the office's. A partner key (and a department key) gets 404 for a draft meeting on
/// every route it may call — speakers included: list, register, read, edit, withdraw, a speaker's feedback —, and 403 on
/// the office's own routes; never a 2xx. Every operation of the OpenAPI document under <c>/api/meetings/{id}</c> is tried.
/// </summary>
public sealed class PartnerDraftTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    private static object Proposal(string cityId) => new
    {
        cityId,
        name = "Dr. Anna Huber",
        title = "IT-Direktorin",
        organization = "Landeshauptstadt München",
        email = $"{Guid.NewGuid():N}@muenchen.example",
        talkTitle = "Die E-Akte in München",
        requestedMinutes = 30,
    };

    [Fact]
    public async Task Every_route_of_a_draft_meeting_is_a_404_for_a_partner_key_speakers_included()
    {
        var city = await _admin.CreatePartnerCity();
        var partner = app.WithKey((await _admin.CreateKey("partner", cityId: city)).Key);
        var department = app.WithKey((await _admin.CreateKey("department", departmentId: await _admin.CreateDepartment())).Key);
        var series = await _admin.CreateSeries();
        var draft = (await _admin.CreateDraft(series, app.Clock.GetUtcNow().AddDays(30))).Id();
        var speaker = (await (await _admin.PostJson($"/api/meetings/{draft}/speakers", Proposal(city))).Json(HttpStatusCode.Created)).Id();
        var item = (await (await _admin.PostJson($"/api/meetings/{draft}/agenda", new { title = "E-Akte", durationMinutes = 30, kind = "talk" }))
            .Json(HttpStatusCode.Created)).Id();
        var document = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/meetings/{id}", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Method: o.Name.ToUpperInvariant(), Path: p.Name)))
            .ToList();

        var answers = new List<(string Who, string Method, string Path, HttpStatusCode Status)>();
        foreach (var (who, client) in new[] { ("partner", partner), ("department", department) })
        {
            foreach (var (method, path) in operations)
            {
                var url = path.Replace("{id}", draft, StringComparison.Ordinal).Replace("{speakerId}", speaker, StringComparison.Ordinal)
                    .Replace("{itemId}", item, StringComparison.Ordinal);
                url = System.Text.RegularExpressions.Regex.Replace(url, @"\{[^}]+\}", _ => Guid.NewGuid().ToString());
                var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT")
                {
                    request.Content = JsonContent(new { });
                }

                answers.Add((who, method, path, (await client.SendAsync(request)).StatusCode));
            }
        }

        var listed = await (await partner.GetAsync($"/api/meetings?seriesId={series}")).Json(HttpStatusCode.OK);
        var published = await _admin.CreatePublished(series, app.Clock.GetUtcNow().AddDays(40));
        var speakersOfPublished = await partner.GetAsync($"/api/meetings/{published}/speakers");

        Assert.True(operations.Count(o => o.Path.Contains("/speakers", StringComparison.Ordinal)) >= 8, "the document lists the speaker routes");
        var wrong = answers.Where(a => a.Status is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden)).Select(a => $"{a.Who} {a.Method} {a.Path} → {(int)a.Status}").ToList();
        Assert.True(wrong.Count == 0, "neither 404 nor 403 for a draft: " + string.Join("; ", wrong));
        var partnerRoutes = answers.Where(a => a.Who == "partner" && a.Status != HttpStatusCode.Forbidden).Select(a => $"{a.Method} {a.Path}").ToList();
        foreach (var route in new[]
                 {
                     "GET /api/meetings/{id}", "GET /api/meetings/{id}/speakers", "POST /api/meetings/{id}/speakers", "GET /api/meetings/{id}/speakers/{speakerId}",
                     "PUT /api/meetings/{id}/speakers/{speakerId}", "DELETE /api/meetings/{id}/speakers/{speakerId}",
                     "GET /api/meetings/{id}/speakers/{speakerId}/feedback", "GET /api/meetings/{id}/agenda", "GET /api/meetings/{id}/agenda/{itemId}",
                     "GET /api/meetings/{id}/calendar.ics",
                 })
        {
            Assert.Contains(route, partnerRoutes); // reachable with a partner key — and a 404 for the draft (above)
        }

        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), m => m.Id() == draft);
        await speakersOfPublished.Json(HttpStatusCode.OK); // the same routes answer for a published meeting
        Assert.Equal("proposed", (await (await _admin.GetAsync($"/api/meetings/{draft}/speakers/{speaker}")).Json(HttpStatusCode.OK)).Str("status")); // nothing changed
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
