using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Meetings.Api.Common;

/// <summary>
/// <c>Logging__Console__FormatterName=json</c>: one JSON object per line, for a log shipper —
/// <c>{"Timestamp":"2026-10-08T12:00:00.1234567Z","LogLevel":"Warning","Category":"…","EventId":0,"Message":"…",
/// "State":{…},"TraceId":"…","SpanId":"…","Exception":"…"}</c>. <c>Timestamp</c> is the instant of the line in UTC (ISO
/// 8601); <c>TraceId</c> and <c>SpanId</c> are those of the span the line was written in — a request's (with or without
/// a trace exporter), a mail dispatch's (with one) — and absent outside a span; <c>State</c> holds the message's named
/// values; <c>Exception</c> is there when the line has one.
/// <para>
/// It takes the place of ASP.NET Core's own <c>json</c> formatter, which has the trace id only among the scopes — and
/// the scopes carry every request's path, which for a personal link is its token (docs/security.md, "Logs").
/// </para>
/// </summary>
internal sealed class JsonLogFormatter() : ConsoleFormatter(ConsoleFormatterNames.Json)
{
    private const string OriginalFormat = "{OriginalFormat}";

    /// <summary>Umlauts as they are; control characters (a line break in a stored text) escaped, so that a line stays one line.</summary>
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("Timestamp", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("LogLevel", logEntry.LogLevel.ToString());
            json.WriteString("Category", logEntry.Category);
            json.WriteNumber("EventId", logEntry.EventId.Id);
            json.WriteString("Message", message);
            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values && values.Any(v => v.Key != OriginalFormat))
            {
                json.WriteStartObject("State");
                foreach (var (key, value) in values.Where(v => v.Key != OriginalFormat))
                {
                    WriteValue(json, key, value);
                }

                json.WriteEndObject();
            }

            if (Activity.Current is { } span)
            {
                json.WriteString("TraceId", span.TraceId.ToHexString());
                json.WriteString("SpanId", span.SpanId.ToHexString());
            }

            if (logEntry.Exception is { } exception)
            {
                json.WriteString("Exception", exception.ToString());
            }

            json.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write(Environment.NewLine);
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(key);
                break;
            case bool flag:
                json.WriteBoolean(key, flag);
                break;
            case int or long or short or byte or uint or ushort or sbyte:
                json.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong number:
                json.WriteNumber(key, number);
                break;
            case double number when double.IsFinite(number):
                json.WriteNumber(key, number);
                break;
            case decimal number:
                json.WriteNumber(key, number);
                break;
            default:
                json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}

/// <summary>The console's <c>json</c> formatter is <see cref="JsonLogFormatter"/>; the default stays ASP.NET Core's plain text.</summary>
internal static class JsonLogs
{
    public static ILoggingBuilder AddMeetingsJsonLogs(this ILoggingBuilder logging)
    {
        foreach (var builtIn in logging.Services.Where(d => d.ServiceType == typeof(ConsoleFormatter)
            && d.ImplementationType?.FullName == "Microsoft.Extensions.Logging.Console.JsonConsoleFormatter").ToList())
        {
            logging.Services.Remove(builtIn);
        }

        logging.AddConsoleFormatter<JsonLogFormatter, ConsoleFormatterOptions>();
        return logging;
    }
}
