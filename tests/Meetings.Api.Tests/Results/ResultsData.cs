using System.Net;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Results;

/// <summary>Arranges meetings that have taken place, with minutes and tasks, through the API.</summary>
public static class ResultsData
{
    /// <summary>A published meeting of <paramref name="seriesId"/> two days ahead with one agenda item; returns its id and the item's.</summary>
    public static async Task<(string Meeting, string Item)> Held(this HttpClient admin, string seriesId, DateTimeOffset now)
    {
        var meeting = await admin.CreatePublished(seriesId, now.AddDays(2));
        var item = (await (await admin.PostJson($"/api/meetings/{meeting}/agenda", new { title = "E-Akte", durationMinutes = 60, kind = "discussion" }))
            .Json(HttpStatusCode.Created)).Id();
        return (meeting, item);
    }

    public static object TaskEntry(string? item, string department, string dueOn, string title = "Zeitplan vorlegen", string? id = null) => new
    {
        id,
        agendaItemId = item,
        kind = "task",
        text = "Das Amt legt einen Zeitplan vor.",
        task = new { title, departmentId = department, dueOn },
    };

    public static Task<HttpResponseMessage> SaveMinutes(this HttpClient admin, string meeting, object[] entries, string? ifMatch = null, object? keeper = null) =>
        admin.PutJson($"/api/meetings/{meeting}/minutes", new { keeper = keeper ?? new { name = "Petra Schreiber", email = "protokoll@augsburg.example" }, entries }, ifMatch);

    public static async Task<JsonElement> Approve(this HttpClient admin, string meeting) =>
        await (await admin.PostAsync($"/api/meetings/{meeting}/minutes/approve", null)).Json(HttpStatusCode.OK);

    public static string Day(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string HeadOf(string code) => $"leitung.{code.ToLowerInvariant()}@augsburg.example";
}
