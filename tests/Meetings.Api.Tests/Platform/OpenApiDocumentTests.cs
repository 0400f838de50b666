using System.Net;
using System.Text;
using System.Text.Json;
using MediatR;
using Meetings.Api.Common.OpenApi;
using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.Platform;

/// <summary>The OpenAPI document as integrators read it: named operations, the key where it is needed, the committed copy.</summary>
public sealed class OpenApiDocumentTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private async Task<JsonElement> Served() =>
        await (await app.Anonymous().GetAsync("/swagger/v1/swagger.json")).Json(HttpStatusCode.OK);

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (op.Name, path.Name, op.Value)));

    [Fact]
    public async Task Every_operation_has_its_own_operation_id_named_after_its_use_case_or_its_use_case_and_a_declared_route_suffix()
    {
        var document = await Served();

        var ids = Operations(document).Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();

        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var useCases = typeof(Program).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Meetings.Api.Features.", StringComparison.Ordinal) == true
                        && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .Select(t => t.Name)
            .Append("GetLiveness").Append("GetReadiness") // the health checks, which are no use cases
            .ToHashSet(StringComparer.Ordinal);
        // A use case served on two routes (by key and by a personal link) names its second route with a declared suffix.
        Assert.All(ids, id => Assert.True(
            useCases.Contains(id!) || OperationIds.Suffixes.Any(s => id!.EndsWith(s, StringComparison.Ordinal) && useCases.Contains(id[..^s.Length])),
            $"{id} names no use case"));
    }

    [Fact]
    public async Task The_personal_link_and_health_operations_need_no_key_and_every_other_operation_needs_one()
    {
        var document = await Served();

        var scheme = Assert.Single(document.GetProperty("security").EnumerateArray()).EnumerateObject().Single().Name;

        Assert.Equal("apiKey", document.GetProperty("components").GetProperty("securitySchemes").GetProperty(scheme).Str("type"));
        foreach (var (method, path, operation) in Operations(document))
        {
            var anonymous = operation.TryGetProperty("security", out var security) && security.GetArrayLength() == 0;
            var open = path.StartsWith("/api/rsvp/", StringComparison.Ordinal) || path.StartsWith("/rsvp/", StringComparison.Ordinal) // the answer page's calendar file
                       || path.StartsWith("/calendar/", StringComparison.Ordinal) // a calendar subscription: its token is the secret
                       || path.StartsWith("/api/poll/", StringComparison.Ordinal) // the date poll's personal link
                       || path.StartsWith("/health/", StringComparison.Ordinal);
            Assert.True(anonymous == open, $"{method} {path}: security {security}");
            Assert.Equal(!anonymous, operation.GetProperty("responses").TryGetProperty("401", out _));
        }
    }

    [Fact]
    public async Task Every_tag_is_described_and_every_error_is_a_problem()
    {
        var document = await Served();

        Assert.All(document.GetProperty("tags").EnumerateArray(), t => Assert.False(string.IsNullOrWhiteSpace(t.Str("description"))));
        foreach (var (method, path, operation) in Operations(document))
        {
            var health = path.StartsWith("/health/", StringComparison.Ordinal); // its 503 is the health report with the failing check
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] == '4' || (r.Name[0] == '5' && !health)))
            {
                Assert.True(response.Value.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path} {response.Name}");
            }
        }
    }

    [Fact]
    public async Task The_committed_document_is_the_one_the_service_serves()
    {
        // As the tool writes it (tools/Meetings.OpenApiTool): fetched from the address of a local `dotnet run`.
        var served = await app.Anonymous().GetStringAsync("http://localhost:5080/swagger/v1/swagger.json");

        var committed = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docs", "openapi.json"));

        Assert.True(committed.ReplaceLineEndings("\n") == served.ReplaceLineEndings("\n"),
            "docs/openapi.json differs from the document the service serves: run clients/generate.sh and commit the result.");
    }

    [Fact]
    public async Task Every_success_response_example_is_a_response_the_contract_accepts()
    {
        var contract = OpenApiContract.Of(app.Services);
        var examples = Operations(await Served())
            .SelectMany(o => o.Operation.GetProperty("responses").EnumerateObject()
                .Where(r => r.Name.StartsWith('2') && r.Value.TryGetProperty("content", out var content)
                    && content.TryGetProperty("application/json", out var media) && media.TryGetProperty("example", out _))
                .Select(r => (o.Method, o.Path, Id: o.Operation.Str("operationId"), Status: (HttpStatusCode)int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture),
                    Body: r.Value.GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText())))
            .ToList();

        Assert.Superset(new HashSet<string> { "GetAttendance", "GetCity", "GetDepartment" }, examples.Select(e => e.Id).ToHashSet());
        Assert.All(examples, e =>
        {
            var path = System.Text.RegularExpressions.Regex.Replace(e.Path, "{[^}]+}", "01970000-0000-7000-8000-000000000002");
            using var response = Response(e.Status, e.Body, etag: "\"1\"");
            response.Headers.Location = new Uri(path, UriKind.Relative);
            Assert.Empty(contract.Check(new HttpMethod(e.Method.ToUpperInvariant()), path, response, e.Body));
        });
    }

    [Fact]
    public void The_contract_check_refuses_what_the_document_does_not_describe()
    {
        var contract = OpenApiContract.Of(app.Services);
        const string city = """{"id":"01970000-0000-7000-8000-000000000002","name":"München","kind":"partner","contactEmail":"it@muenchen.example"}""";
        const string path = "/api/cities/01970000-0000-7000-8000-000000000002";

        var valid = contract.Check(HttpMethod.Get, path, Response(HttpStatusCode.OK, city, etag: "\"1\""), city);
        var noETag = contract.Check(HttpMethod.Get, path, Response(HttpStatusCode.OK, city), city);
        var missing = contract.Check(HttpMethod.Get, path, Response(HttpStatusCode.OK, "{}", etag: "\"1\""), """{"id":"01970000-0000-7000-8000-000000000002"}""");
        var extra = city.Replace("}", ""","secret":"x"}""", StringComparison.Ordinal);
        var undeclaredField = contract.Check(HttpMethod.Get, path, Response(HttpStatusCode.OK, extra, etag: "\"1\""), extra);
        var badEnum = city.Replace("partner", "enemy", StringComparison.Ordinal);
        var wrongEnum = contract.Check(HttpMethod.Get, path, Response(HttpStatusCode.OK, badEnum, etag: "\"1\""), badEnum);
        var teapot = contract.Check(HttpMethod.Get, path, Response((HttpStatusCode)418, "{}"), "{}");
        var text = contract.Check(HttpMethod.Get, path, Response(HttpStatusCode.OK, "München", "text/plain", "\"1\""), "München");
        var noLocation = contract.Check(HttpMethod.Post, "/api/cities", Response(HttpStatusCode.Created, city, etag: "\"1\""), city);

        Assert.Empty(valid);
        Assert.Contains(noETag, p => p.Contains("ETag", StringComparison.Ordinal));
        Assert.Contains(missing, p => p.Contains("required", StringComparison.Ordinal));
        Assert.NotEmpty(undeclaredField);
        Assert.NotEmpty(wrongEnum);
        Assert.Contains(teapot, p => p.Contains("status not declared", StringComparison.Ordinal));
        Assert.Contains(text, p => p.Contains("content type text/plain", StringComparison.Ordinal));
        Assert.Contains(noLocation, p => p.Contains("Location", StringComparison.Ordinal));
    }

    private static HttpResponseMessage Response(HttpStatusCode status, string body, string mediaType = "application/json", string? etag = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        if (etag is not null)
        {
            response.Headers.TryAddWithoutValidation("ETag", etag);
        }

        return response;
    }
}
