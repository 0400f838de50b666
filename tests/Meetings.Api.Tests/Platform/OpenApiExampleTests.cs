using System.Net;
using System.Text;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Platform;

/// <summary>The request examples of the document, sent as Swagger UI sends them, on the demo data of a fresh database.</summary>
public sealed class OpenApiExampleTests(SeededMeetingsApp app) : IClassFixture<SeededMeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();
    private readonly HashSet<string> _sent = [];
    private Dictionary<string, (HttpMethod Method, string Path, string Body, Dictionary<string, string> PathExamples)> _examples = [];

    [Fact]
    public async Task Every_request_example_works_when_sent_as_it_is()
    {
        _examples = Examples(await (await app.Anonymous().GetAsync("/swagger/v1/swagger.json")).Json(HttpStatusCode.OK));

        await Send("CreateCity", HttpStatusCode.Created);
        await Send("UpdateCity", HttpStatusCode.OK);
        await Send("CreateDepartment", HttpStatusCode.Created);
        await Send("UpdateDepartment", HttpStatusCode.OK);
        await Send("CreateApiKey", HttpStatusCode.Created);
        await Send("CreateSeries", HttpStatusCode.Created);
        await Send("UpdateSeries", HttpStatusCode.OK);
        var meeting = (await Send("CreateMeeting", HttpStatusCode.Created)).Id();
        var ids = new Dictionary<string, string> { ["id"] = meeting };
        await Send("UpdateMeeting", HttpStatusCode.OK, ids);
        await Send("SetReminders", HttpStatusCode.OK, ids);
        ids["itemId"] = (await Send("AddAgendaItem", HttpStatusCode.Created, ids)).Id();
        await Send("ReplaceAgendaItem", HttpStatusCode.OK, ids);
        ids["speakerId"] = (await Send("RegisterSpeaker", HttpStatusCode.Created, ids)).Id();
        await Send("EditSpeaker", HttpStatusCode.OK, ids);
        await Send("ConfirmSpeaker", HttpStatusCode.OK, ids);
        ids["speakerId"] = (await (await _admin.PostJson($"/api/meetings/{meeting}/speakers", new
        {
            cityId = "01970000-0000-7000-8000-000000000003", name = "Jan Berger", title = "CDO", organization = "Stadt Regensburg",
            email = "jan.berger@regensburg.example", talkTitle = "Open Data", requestedMinutes = 20,
        })).Json(HttpStatusCode.Created)).Id();
        await Send("RejectSpeaker", HttpStatusCode.OK, ids);
        await (await _admin.PostAsync($"/api/meetings/{meeting}/publish", null)).Json(HttpStatusCode.OK);
        var invitations = (await _admin.Invitations(meeting)).Where(i => i.Str("kind") == "department").ToArray();
        ids["invitationId"] = invitations[0].Id();
        await Send("AnswerByKey", HttpStatusCode.OK, ids);
        await Send("AnswerByToken", HttpStatusCode.OK, new() { ["token"] = (await app.Token(invitations[1])) }, app.Anonymous());
        await Send("RescheduleMeeting", HttpStatusCode.OK, ids);
        var other = (await Send("CreateMeeting", HttpStatusCode.Created)).Id();
        await Send("CancelMeeting", HttpStatusCode.OK, new() { ["id"] = other });
        // Feedback comes from one who attended: a meeting of the same example, completed below with an attendee (it ended 7 days before).
        var attended = (await Send("CreateMeeting", HttpStatusCode.Created)).Id();
        await (await _admin.PostAsync($"/api/meetings/{attended}/publish", null)).Json(HttpStatusCode.OK);
        var attendee = (await _admin.Invitations(attended)).First(i => i.Str("kind") == "department");
        app.Clock.SetUtcNow(new DateTimeOffset(2031, 10, 16, 16, 0, 0, TimeSpan.Zero)); // the rescheduled meeting has ended
        await Send("CompleteMeeting", HttpStatusCode.OK, ids);
        await Send("SaveMinutes", HttpStatusCode.OK, ids);
        await (await _admin.PostAsync($"/api/meetings/{meeting}/minutes/approve", null)).Json(HttpStatusCode.OK);
        await Send("ReopenMinutes", HttpStatusCode.OK, ids);
        ids["taskId"] = (await Send("CreateTask", HttpStatusCode.Created, ids)).Id();
        await Send("UpdateTask", HttpStatusCode.OK, ids);
        await (await _admin.PostJson($"/api/meetings/{attended}/complete", new { attendedInvitationIds = new[] { attendee.Id() } })).Json(HttpStatusCode.OK);
        await Send("GiveFeedback", HttpStatusCode.OK, new() { ["token"] = await app.Token(attendee) }, app.Anonymous());

        Assert.Equal(_examples.Keys.Order(StringComparer.Ordinal), _sent.Order(StringComparer.Ordinal));
    }

    private async Task<JsonElement> Send(string operationId, HttpStatusCode expected, Dictionary<string, string>? ids = null, HttpClient? client = null)
    {
        var (method, template, body, pathExamples) = _examples[operationId];
        var path = template;
        foreach (var (name, value) in (ids ?? []).Concat(pathExamples)) // ids of what the test made first, then the documented ones
        {
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var result = await (await (client ?? _admin).SendAsync(request)).Json(expected);
        _sent.Add(operationId);
        return result;
    }

    /// <summary>The operations whose JSON body has an example: method, path, the example and the path parameters' examples.</summary>
    private static Dictionary<string, (HttpMethod, string, string, Dictionary<string, string>)> Examples(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Method: op.Name, Operation: op.Value)))
            .Where(o => o.Operation.TryGetProperty("requestBody", out var b) && b.GetProperty("content").TryGetProperty("application/json", out var m)
                        && m.TryGetProperty("example", out _))
            .ToDictionary(
                o => o.Operation.Str("operationId"),
                o => (new HttpMethod(o.Method.ToUpperInvariant()), o.Path,
                    o.Operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText(),
                    (o.Operation.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray().ToArray() : [])
                        .Where(p => p.Str("in") == "path" && p.TryGetProperty("example", out _))
                        .ToDictionary(p => p.Str("name"), p => p.Str("example"))));
}
