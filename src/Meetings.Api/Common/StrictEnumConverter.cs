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
