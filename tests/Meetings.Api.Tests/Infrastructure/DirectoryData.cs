using System.Net;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>Arranges directory data through the API, with unique names so tests sharing a database never collide.</summary>
public static class DirectoryData
{
    private static int _counter;

    public static string Unique(string prefix) => $"{prefix}{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..6]}";

    public static async Task<string> CreatePartnerCity(this HttpClient admin, string? name = null)
    {
        var response = await admin.PostJson("/api/cities", new { name = name ?? Unique("Partnerstadt "), kind = "partner", contactEmail = "kontakt@partner.example" });
        return (await response.Json(HttpStatusCode.Created)).Id();
    }

    public static async Task<string> CreateDepartment(this HttpClient admin, string? code = null, string? headEmail = null)
    {
        code ??= Unique("D").ToUpperInvariant(); // e.g. D7-3FA9C1, within the 16 characters a code may have
        var response = await admin.PostJson("/api/departments", new
        {
            code,
            name = $"Amt {code}",
            head = new { name = $"Leitung {code}", email = headEmail ?? $"leitung.{code.ToLowerInvariant()}@augsburg.example", title = "Amtsleiterin" },
            deputy = new { name = $"Vertretung {code}", email = $"vertretung.{code.ToLowerInvariant()}@augsburg.example" },
        });
        return (await response.Json(HttpStatusCode.Created)).Id();
    }

    /// <summary>Creates a key through the API and returns (id, plain key).</summary>
    public static async Task<(string Id, string Key)> CreateKey(this HttpClient admin, string role, string? departmentId = null, string? cityId = null)
    {
        var response = await admin.PostJson("/api/api-keys", new { name = Unique($"{role} key "), role, departmentId, cityId });
        var body = await response.Json(HttpStatusCode.Created);
        return (body.Id(), body.Str("key"));
    }
}
