using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meetings.Api.Common;

/// <summary>
/// JSON as SPEC §1 fixes it: camelCase, enums as lower-case (kebab) strings, unknown enum values and
/// numbers for enums refused (400), text without NUL characters (400).
/// </summary>
internal static class JsonSetup
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new StrictEnumConverterFactory());
        options.Converters.Add(new InstantJsonConverter());
        options.Converters.Add(new TextJsonConverter());
    }

    public static IServiceCollection AddMeetingsJson(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => Apply(o.SerializerOptions));
        // Swashbuckle reads the MVC options to describe schemas; keep both identical.
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => Apply(o.JsonSerializerOptions));
        return services;
    }
}

/// <summary>
/// Refuses text with a NUL character (U+0000): PostgreSQL cannot store it, and no name, address or
/// comment needs it. Refused here, it is the same 400 on every database instead of a 500 on one.
/// </summary>
internal sealed class TextJsonConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && value.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("Text may not contain NUL characters (\\u0000).")
            : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);
}
