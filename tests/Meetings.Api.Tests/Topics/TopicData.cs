using System.Net;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Tests.Topics;

/// <summary>Arranges calls for topics and topics through the API.</summary>
internal static class TopicData
{
    public static object Topic(string? title = null, int minutes = 20, string? departmentId = null, object? presenter = null) => new
    {
        departmentId,
        title = title ?? "E-Akte-Pilot im Bürgeramt",
        description = "Stand nach drei Monaten.\nWir suchen zwei Ämter für die nächste Stufe.",
        requestedMinutes = minutes,
        decisionNeeded = true,
        presenter,
    };

    public static async Task<JsonElement> OpenCall(this HttpClient admin, string meeting, DateTimeOffset deadline, string? note = null) =>
        await (await admin.PutJson($"/api/meetings/{meeting}/topic-call", new { deadline, note })).Json(HttpStatusCode.OK);

    public static async Task<JsonElement> Proposed(this HttpClient client, string meeting, object body) =>
        await (await client.PostJson($"/api/meetings/{meeting}/topics", body)).Json(HttpStatusCode.Created);

    /// <summary>A department with its own key.</summary>
    public static async Task<(string Id, HttpClient Key)> Department(this MeetingsApp app, HttpClient admin)
    {
        var department = await admin.CreateDepartment();
        var (_, key) = await admin.CreateKey("department", departmentId: department);
        return (department, app.WithKey(key));
    }

    /// <summary>The call's own link of a department (a draft meeting), for arranging.</summary>
    public static Task<string> CallLink(this MeetingsApp app, string meeting, string department)
    {
        var (meetingId, departmentId) = (Guid.Parse(meeting), Guid.Parse(department));
        return app.Db(async db => (await db.TopicCalls.AsNoTracking().SingleAsync(c => c.MeetingId == meetingId)).Links.Single(l => l.DepartmentId == departmentId).Token);
    }

    /// <summary>The head's invitation link of a department for a published meeting, for arranging.</summary>
    public static Task<string> HeadLink(this MeetingsApp app, string meeting, string department)
    {
        var (meetingId, departmentId) = (Guid.Parse(meeting), Guid.Parse(department));
        return app.Db(db => db.Invitations.AsNoTracking().Where(i => i.MeetingId == meetingId && i.DepartmentId == departmentId).Select(i => i.Token).SingleAsync());
    }

    public static string[] Ids(this JsonElement page) => page.GetProperty("items").EnumerateArray().Select(t => t.Id()).ToArray();
}
