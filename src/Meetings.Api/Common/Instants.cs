using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Meetings.Domain.Common;

namespace Meetings.Api.Common;

/// <summary>
/// Instants on the wire (SPEC §1): input is ISO 8601 with an explicit offset or <c>Z</c> — a time
/// without offset would silently take the server's zone, so it is refused; output is UTC with <c>Z</c>.
/// Both are kept to the microsecond, the precision PostgreSQL stores, so that an instant reads back as
/// it was given and answers look the same on every database.
/// </summary>
public static partial class Instants
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null
            || !IsoWithOffset().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return false;
        }

        value = value.AddTicks(-(value.Ticks % TicksPerMicrosecond));
        return true;
    }

    /// <summary>An optional query value; malformed ones become a field error.</summary>
    public static DateTimeOffset? Query(ValidationErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (TryParse(text.Trim(), out var value))
        {
            return value;
        }

        errors.Add(field, "must be an ISO 8601 instant with offset, e.g. 2026-10-08T14:00:00+02:00.");
        return null;
    }

    public static string Utc(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Local wall-clock time of the zone with its offset at that moment.</summary>
    public static string Local(DateTimeOffset value, string zone) =>
        Zones.ToLocal(value, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoWithOffset();
}

internal sealed class InstantJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Instants.TryParse(reader.GetString(), out var value)
            ? value
            : throw new JsonException("Expected an ISO 8601 instant with offset, e.g. 2026-10-08T14:00:00+02:00.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Instants.Utc(value));
}
