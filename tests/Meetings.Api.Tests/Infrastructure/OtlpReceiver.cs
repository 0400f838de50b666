using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>
/// A trace collector as an operator runs one, as small as it can be: OTLP over HTTP (<c>POST /v1/traces</c>, protobuf)
/// on a port of loopback, keeping every span it receives (<see cref="Spans"/>) and the raw requests
/// (<see cref="Raw"/>). The export request is read with Google.Protobuf's wire reader by the field numbers of
/// OTLP's <c>trace.proto</c>, <c>common.proto</c> and <c>resource.proto</c> (<see cref="OtlpTraces"/>).
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<byte[]> _raw = new();
    private readonly ConcurrentQueue<OtlpSpan> _spans = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The address for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (the exporter adds <c>/v1/traces</c>).</summary>
    public string Endpoint => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    public IReadOnlyList<OtlpSpan> Spans => [.. _spans];

    /// <summary>Every export request as it came, for a search of what must not be in any of them.</summary>
    public IReadOnlyList<byte[]> Raw => [.. _raw];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var bytes = body.ToArray();
            receiver._raw.Enqueue(bytes);
            foreach (var span in OtlpTraces.Read(bytes))
            {
                receiver._spans.Enqueue(span);
            }

            return Microsoft.AspNetCore.Http.Results.Bytes([], "application/x-protobuf"); // an empty ExportTraceServiceResponse: all accepted
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits (up to <paramref name="timeout"/>) until a span meets <paramref name="wanted"/>; the span, or null.</summary>
    public async Task<OtlpSpan?> WaitFor(Func<OtlpSpan, bool> wanted, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_spans.FirstOrDefault(wanted) is { } span)
            {
                return span;
            }

            if (DateTime.UtcNow > until)
            {
                return null;
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One span as received, with its resource's <c>service.name</c> and its scope (the instrumentation's name).</summary>
public sealed record OtlpSpan(
    string ServiceName, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name,
    IReadOnlyDictionary<string, string> Attributes, int StatusCode, string StatusMessage)
{
    public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);

    public override string ToString() => $"{Scope} {Name} [{string.Join(", ", Attributes.Select(a => $"{a.Key}={a.Value}"))}]";
}

/// <summary>
/// An <c>ExportTraceServiceRequest</c> read field by field: resource_spans (1) → resource (1) with attributes (1), and
/// scope_spans (2) → scope (1) with its name (1), and spans (2): trace_id (1), span_id (2), parent_span_id (4), name (5),
/// attributes (9), status (15: message 2, code 3). A KeyValue is key (1) and an AnyValue (2); the values kept are
/// string (1), bool (2), int (3) and double (4), as text. Every other field is skipped.
/// </summary>
public static class OtlpTraces
{
    public static IEnumerable<OtlpSpan> Read(byte[] request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in Messages(ByteString.CopyFrom(request), 1))
        {
            var resource = Fields(resourceSpans).Where(f => f.Number == 1).Select(f => Attributes(f.Bytes!, 1)).FirstOrDefault()
                ?? new Dictionary<string, string>();
            var service = resource.GetValueOrDefault("service.name", string.Empty);
            foreach (var scopeSpans in Messages(resourceSpans, 2))
            {
                var scope = Messages(scopeSpans, 1).Select(s => Text(s, 1)).FirstOrDefault() ?? string.Empty;
                spans.AddRange(Messages(scopeSpans, 2).Select(span => Span(service, scope, span)));
            }
        }

        return spans;
    }

    private static OtlpSpan Span(string service, string scope, ByteString span)
    {
        var status = Messages(span, 15).FirstOrDefault();
        return new OtlpSpan(service, scope, Hex(span, 1), Hex(span, 2), Hex(span, 4), Text(span, 5), Attributes(span, 9),
            status is null ? 0 : (int)(Fields(status).FirstOrDefault(f => f.Number == 3).Varint), status is null ? string.Empty : Text(status, 2));
    }

    private static Dictionary<string, string> Attributes(ByteString message, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyValue in Messages(message, field))
        {
            var value = Messages(keyValue, 2).FirstOrDefault();
            attributes[Text(keyValue, 1)] = value is null ? string.Empty : AnyValue(value);
        }

        return attributes;
    }

    private static string AnyValue(ByteString value)
    {
        foreach (var f in Fields(value))
        {
            switch (f.Number)
            {
                case 1:
                    return f.Bytes!.ToStringUtf8();
                case 2:
                    return f.Varint != 0 ? "true" : "false";
                case 3:
                    return ((long)f.Varint).ToString(CultureInfo.InvariantCulture);
                case 4:
                    return BitConverter.Int64BitsToDouble((long)f.Varint).ToString(CultureInfo.InvariantCulture);
            }
        }

        return string.Empty;
    }

    private static string Text(ByteString message, int field) =>
        Fields(message).Where(f => f.Number == field && f.Bytes is not null).Select(f => f.Bytes!.ToStringUtf8()).LastOrDefault() ?? string.Empty;

    private static string Hex(ByteString message, int field) =>
        Convert.ToHexStringLower((Fields(message).LastOrDefault(f => f.Number == field && f.Bytes is not null).Bytes ?? ByteString.Empty).ToByteArray());

    private static IEnumerable<ByteString> Messages(ByteString message, int field) =>
        Fields(message).Where(f => f.Number == field && f.Bytes is not null).Select(f => f.Bytes!);

    /// <summary>The fields of a message in order: length-delimited ones as bytes, varints and fixed ones as a number.</summary>
    private static List<Field> Fields(ByteString message)
    {
        var fields = new List<Field>();
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            switch (WireFormat.GetTagWireType(tag))
            {
                case WireFormat.WireType.LengthDelimited:
                    fields.Add(new Field(number, input.ReadBytes(), 0));
                    break;
                case WireFormat.WireType.Varint:
                    fields.Add(new Field(number, null, input.ReadUInt64()));
                    break;
                case WireFormat.WireType.Fixed64:
                    fields.Add(new Field(number, null, input.ReadFixed64()));
                    break;
                case WireFormat.WireType.Fixed32:
                    fields.Add(new Field(number, null, input.ReadFixed32()));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return fields;
    }

    private readonly record struct Field(int Number, ByteString? Bytes, ulong Varint);
}
