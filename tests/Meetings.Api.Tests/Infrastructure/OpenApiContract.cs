using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>
/// The service's own OpenAPI document as a contract that responses are checked against: the status must be
/// declared for the operation, the content type declared for the status, the headers the document marks required
/// present, and a JSON body valid against the declared schema. The document is taken in-process and written as
/// OpenAPI 3.1, whose schemas are JSON Schema 2020-12 as they are; each response schema is a <c>$ref</c> into it.
/// Paths the document does not list (health, the job dashboard, Swagger itself) are not checked.
/// </summary>
public sealed class OpenApiContract
{
    private static readonly Uri DocumentUri = new("https://meetings.contract/openapi.json");
    private static readonly Lock CreateLock = new();
    private static OpenApiContract? _instance;

    private readonly JsonObject _paths;
    private readonly List<string[]> _templates;
    private readonly BuildOptions _build;
    private readonly Dictionary<string, JsonSchema> _schemas = [];
    private readonly Lock _lock = new();

    private OpenApiContract(string openApi31Json)
    {
        var root = JsonNode.Parse(openApi31Json)!.AsObject();
        _paths = root["paths"]!.AsObject();
        _templates = _paths.Select(p => p.Key.Trim('/').Split('/')).ToList();
        // A registry of its own: nothing is fetched, nothing is shared with SchemaRegistry.Global.
        var registry = new SchemaRegistry();
        registry.Register(DocumentUri, new JsonElementBaseDocument(JsonSerializer.SerializeToElement(root), DocumentUri));
        _build = new BuildOptions { SchemaRegistry = registry, Dialect = Dialect.Draft202012 };
    }

    /// <summary>Formats are checked (uuid, date-time, int32 …).</summary>
    private static EvaluationOptions Evaluation { get; } = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>The document of the service <paramref name="services"/> belongs to; made once per test run (every test host serves the same one).</summary>
    public static OpenApiContract Of(IServiceProvider services)
    {
        lock (CreateLock)
        {
            return _instance ??= new OpenApiContract(Write31(services));
        }
    }

    /// <summary>The document as OpenAPI 3.1 JSON.</summary>
    public static string Write31(IServiceProvider services)
    {
        var document = services.GetRequiredService<ISwaggerProvider>().GetSwagger("v1");
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    /// <summary>The path template a concrete path matches; literal segments win over parameters (<c>agenda/order</c> over <c>agenda/{itemId}</c>).</summary>
    public string? TemplateOf(string path)
    {
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        string[]? best = null;
        var bestLiterals = -1;
        foreach (var template in _templates.Where(t => t.Length == segments.Length))
        {
            var literals = 0;
            var matches = true;
            for (var i = 0; i < segments.Length && matches; i++)
            {
                if (template[i].StartsWith('{') && template[i].EndsWith('}'))
                {
                    matches = segments[i].Length > 0;
                    continue;
                }

                matches = string.Equals(template[i], segments[i], StringComparison.Ordinal);
                literals++;
            }

            if (matches && literals > bestLiterals)
            {
                (best, bestLiterals) = (template, literals);
            }
        }

        return best is null ? null : "/" + string.Join('/', best);
    }

    /// <summary>What differs between one response and the document (empty: nothing).</summary>
    public IReadOnlyList<string> Check(HttpMethod method, string path, HttpResponseMessage response, string body)
    {
        var template = TemplateOf(path);
        if (template is null)
        {
            return [];
        }

        var verb = method.Method.ToLowerInvariant();
        var where = $"{method.Method} {template} → {(int)response.StatusCode}";
        if (_paths[template]?[verb] is not JsonObject operation)
        {
            return (int)response.StatusCode == 405 ? [] : [$"{where}: the document has no {method.Method} operation on this path"];
        }

        var responses = operation["responses"]!.AsObject();
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var statusKey = responses.ContainsKey(status) ? status : responses.ContainsKey($"{status[0]}XX") ? $"{status[0]}XX" : null;
        if (statusKey is null)
        {
            return [$"{where}: status not declared (declared: {string.Join(", ", responses.Select(r => r.Key))})"];
        }

        var declared = responses[statusKey]!.AsObject();
        var problems = MissingHeaders(where, declared, response);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (declared["content"] is not JsonObject content || content.Count == 0)
        {
            if (body.Length > 0)
            {
                problems.Add($"{where}: a body ({mediaType}) where the document declares none");
            }

            return problems;
        }

        if (mediaType is null || content[mediaType] is not JsonObject media)
        {
            problems.Add($"{where}: content type {mediaType ?? "(none)"} not declared (declared: {string.Join(", ", content.Select(c => c.Key))})");
            return problems;
        }

        if (!IsJson(mediaType) || media["schema"] is null)
        {
            return problems; // text/calendar: the content type is what a client relies on
        }

        var schema = SchemaAt($"/paths/{Escape(template)}/{verb}/responses/{Escape(statusKey)}/content/{Escape(mediaType)}/schema");
        using var instance = JsonDocument.Parse(body);
        var result = schema.Evaluate(instance.RootElement, Evaluation);
        if (!result.IsValid)
        {
            problems.AddRange((result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{where}: {d.InstanceLocation} {e.Key}: {e.Value} (schema {d.EvaluationPath})"))
                .Distinct()
                .DefaultIfEmpty($"{where}: the body does not match the schema"));
        }

        return problems;
    }

    private static List<string> MissingHeaders(string where, JsonObject declared, HttpResponseMessage response)
    {
        var problems = new List<string>();
        foreach (var (name, header) in declared["headers"]?.AsObject() ?? [])
        {
            var required = header?["required"]?.GetValue<bool>() == true;
            if (required && !response.Headers.NonValidated.Contains(name) && !response.Content.Headers.NonValidated.Contains(name))
            {
                problems.Add($"{where}: required header {name} missing");
            }
        }

        return problems;
    }

    private JsonSchema SchemaAt(string pointer)
    {
        lock (_lock)
        {
            if (!_schemas.TryGetValue(pointer, out var schema))
            {
                var reference = new JsonObject { ["$ref"] = DocumentUri + "#" + string.Join('/', pointer.Split('/').Select(Uri.EscapeDataString)) };
                schema = JsonSchema.FromText(reference.ToJsonString(), _build);
                _schemas[pointer] = schema;
            }

            return schema;
        }
    }

    private static bool IsJson(string mediaType) =>
        mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}

/// <summary>
/// Checks every response that passes through a test client against <see cref="OpenApiContract"/>: a response the
/// document does not describe fails the request that got it, and with it the test. So does a response that carries a
/// personal link (<c>rsvpToken</c>, <c>delegateToken</c>): no response may, whoever asks.
/// </summary>
public sealed class ContractCheckHandler(OpenApiContract contract) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var answered = response.RequestMessage ?? request; // after a redirect: the request that was answered
        await response.Content.LoadIntoBufferAsync(cancellationToken); // the test reads the body again
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var problems = contract.Check(answered.Method, answered.RequestUri!.AbsolutePath, response, body).ToList();
        if (body.Contains("\"rsvpToken\"", StringComparison.Ordinal) || body.Contains("\"delegateToken\"", StringComparison.Ordinal))
        {
            problems.Add($"{answered.Method} {answered.RequestUri.AbsolutePath}: a response carries a personal link (no response may: SPEC, \"Who gave which rating\")");
        }

        if (problems.Count > 0)
        {
            throw new ContractViolationException(
                "The response differs from the OpenAPI document:\n  " + string.Join("\n  ", problems) + "\nBody: " + Shorten(body));
        }

        return response;
    }

    private static string Shorten(string body) => body.Length <= 2000 ? body : body[..2000] + " …";
}

/// <summary>A response that the OpenAPI document does not describe.</summary>
public sealed class ContractViolationException(string message) : Exception(message);
