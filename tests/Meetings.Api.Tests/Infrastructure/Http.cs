using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>Small helpers to speak JSON with the service and read its answers as the wire shows them.</summary>
public static class Http
{
    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string body, string contentType = "application/json") =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType));

    /// <summary>Asserts the status and returns the JSON body.</summary>
    public static async Task<JsonElement> Json(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected} but got {(int)response.StatusCode}: {text}"
            + ((int)response.StatusCode >= 500 ? "\nServer errors:\n" + ServerErrors.Recent() : string.Empty));
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with the status, a title and a trace id; returns it.</summary>
    public static async Task<JsonElement> Problem(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Json(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("   at ", body.ToString(), StringComparison.Ordinal); // no stack trace
        return body;
    }

    /// <summary>The field errors of a 400 validation problem.</summary>
    public static async Task<JsonElement> ValidationErrors(this HttpResponseMessage response)
    {
        var problem = await response.Problem(HttpStatusCode.BadRequest);
        return problem.GetProperty("errors");
    }

    public static string Str(this JsonElement e, string property) => e.GetProperty(property).GetString()!;

    public static string Id(this JsonElement e) => e.GetProperty("id").GetString()!;
}
