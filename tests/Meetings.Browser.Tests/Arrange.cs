using System.Net;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Browser.Tests;

/// <summary>A published meeting with an agenda, a guest and a department whose head has received the invitation by mail.</summary>
public sealed record Invited(string MeetingId, string InvitationId, string HeadEmail, string DeputyName, string DeputyEmail, string Link)
{
    public string Token => Link[(Link.LastIndexOf('/') + 1)..].Split('?')[0];
}

public static class Arrange
{
    /// <summary>Publishes a meeting (with a deadline, an agenda and a confirmed guest) and dispatches the invitations.</summary>
    /// <param name="realistic">Names as a city would give them (for the pictures in the docs), not the unique ones of tests.</param>
    public static async Task<Invited> InvitedHead(this PageApp app, TimeSpan? deadlineIn = null, string? headLanguage = null, bool realistic = false)
    {
        var admin = app.Admin();
        var code = DirectoryData.Unique("B").ToUpperInvariant();
        var department = (await (await admin.PostJson("/api/departments", new
        {
            code,
            name = realistic ? "Amt für Digitalisierung" : $"Amt {code}",
            head = new { name = "Julia Hoffmann", email = $"julia.{code.ToLowerInvariant()}@augsburg.example", title = "Amtsleiterin", language = headLanguage },
            deputy = new { name = "Stefan Koch", email = $"stefan.{code.ToLowerInvariant()}@augsburg.example" },
        })).Json(HttpStatusCode.Created)).Id();
        var now = app.Clock.GetUtcNow();
        var series = await admin.CreateSeries();
        if (realistic)
        {
            var current = await (await admin.GetAsync($"/api/series/{series}")).Json(HttpStatusCode.OK);
            var renamed = JsonSerializer.Deserialize<Dictionary<string, object?>>(current.GetRawText())!;
            renamed["name"] = "Amtsleitungstreffen";
            await (await admin.PutJson($"/api/series/{series}", renamed)).Json(HttpStatusCode.OK);
        }

        var draft = await admin.CreateDraft(series, now.AddDays(30), new
        {
            title = realistic ? "Amtsleitungstreffen Herbst" : DirectoryData.Unique("Treffen "),
            rsvpDeadline = now.Add(deadlineIn ?? TimeSpan.FromDays(20)).ToString("O"),
            location = new { name = "Rathaus Augsburg", room = "Oberer Fletz", address = "Rathausplatz 2, 86150 Augsburg", onlineUrl = "https://video.augsburg.example/amtsleitung" },
        });
        var meeting = draft.Id();
        await (await admin.PostJson($"/api/meetings/{meeting}/agenda", new { title = "Begrüßung", durationMinutes = 15, kind = "other", presenter = new { kind = "host", name = "Dr. Maria Lindner" } })).Json(HttpStatusCode.Created);
        await (await admin.PostJson($"/api/meetings/{meeting}/agenda", new { title = "Einführung der E-Akte", durationMinutes = 45, kind = "discussion", presenter = new { kind = "department", refId = department } })).Json(HttpStatusCode.Created);
        var city = await admin.CreatePartnerCity();
        var speaker = (await (await admin.PostJson($"/api/meetings/{meeting}/speakers", new
        {
            cityId = city, name = "Dr. Anna Huber", title = "IT-Direktorin", organization = "Landeshauptstadt München",
            email = $"anna.{code.ToLowerInvariant()}@muenchen.example", talkTitle = "Die E-Akte in München", requestedMinutes = 30,
        })).Json(HttpStatusCode.Created)).Id();
        await (await admin.PostJson($"/api/meetings/{meeting}/speakers/{speaker}/confirm", new { })).Json(HttpStatusCode.OK);
        await (await admin.PostAsync($"/api/meetings/{meeting}/publish", null)).Json(HttpStatusCode.OK);
        await app.DispatchAll();

        var invitation = (await admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department);
        var head = invitation.GetProperty("recipient").Str("email");
        return new Invited(meeting, invitation.Id(), head, "Stefan Koch", $"stefan.{code.ToLowerInvariant()}@augsburg.example", app.LinkInMail(head, meeting));
    }

    /// <summary>Sends every mail that is due (batches until none is left).</summary>
    public static async Task DispatchAll(this MeetingsApp app)
    {
        while ((await app.Dispatch()).Claimed > 0)
        {
        }
    }

    public static async Task<JsonElement> Invitation(this PageApp app, Invited invited) =>
        (await app.Admin().Invitations(invited.MeetingId)).Single(i => i.Id() == invited.InvitationId);
}
