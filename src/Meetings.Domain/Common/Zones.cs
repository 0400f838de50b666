namespace Meetings.Domain.Common;

/// <summary>IANA time zones: validation and local time. Meetings are stored in UTC with their zone beside.</summary>
public static class Zones
{
    public const string Default = "Europe/Berlin";
    public const int MaxLength = 64;

    public static TimeZoneInfo? Find(string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxLength || !id.Contains('/', StringComparison.Ordinal) && id != "UTC")
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId ? zone : null;
    }

    /// <summary>An optional zone id: blank becomes <paramref name="fallback"/>, an unknown id a field error.</summary>
    public static string Validate(ValidationErrors errors, string field, string? id, string fallback)
    {
        var value = string.IsNullOrWhiteSpace(id) ? fallback : id.Trim();
        if (Find(value) is null)
        {
            errors.Add(field, "must be an IANA time zone such as Europe/Berlin.");
        }

        return value;
    }

    /// <summary>The instant as local time of the zone, with that moment's offset.</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset instant, string zoneId) =>
        TimeZoneInfo.ConvertTime(instant, Find(zoneId) ?? TimeZoneInfo.Utc);

    /// <summary>The calendar year of an instant in the zone.</summary>
    public static int YearOf(DateTimeOffset instant, string zoneId) => ToLocal(instant, zoneId).Year;
}
