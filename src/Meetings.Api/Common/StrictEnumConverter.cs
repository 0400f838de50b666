using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meetings.Api.Common;

/// <summary>
/// Enums as lower-case kebab strings (<c>OnTrack</c> ↔ <c>"on-track"</c>). Reading accepts exactly the
/// documented names (ignoring case): no numbers, no surrounding spaces, no comma-combined values, which
/// the framework's converter would let through. Anything else fails binding and becomes a 400.
/// </summary>
internal sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;

    public static string NameOf(Enum value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>An optional enum in a query string, by the same names as in JSON; others become a field error.</summary>
    public static T? Query<T>(Domain.Common.ValidationErrors errors, string field, string? text) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = Enum.GetValues<T>().Where(v => string.Equals(NameOf(v), text, StringComparison.OrdinalIgnoreCase)).ToList();
        if (match.Count == 1)
        {
            return match[0];
        }

        errors.Add(field, $"must be one of: {string.Join(", ", Enum.GetValues<T>().Select(v => NameOf(v)))}.");
        return null;
    }

    private sealed class StrictEnumConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly FrozenDictionary<string, T> ByName =
            Enum.GetValues<T>().ToFrozenDictionary(v => NameOf(v), v => v, StringComparer.OrdinalIgnoreCase);

        private static readonly FrozenDictionary<T, string> ToName = ByName.ToFrozenDictionary(p => p.Value, p => p.Key);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value))
            {
                return value;
            }

            throw new JsonException($"Expected one of: {string.Join(", ", ByName.Keys)}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(ToName.TryGetValue(value, out var name) ? name : NameOf(value));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ByName.TryGetValue(reader.GetString()!, out var value) ? value : throw new JsonException("Unknown key.");

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(ToName.TryGetValue(value, out var name) ? name : NameOf(value));
    }
}
