namespace Meetings.Domain.Common;

/// <summary>The languages mails and the answer page speak: German (the default: the users are German cities) and English.</summary>
public static class Languages
{
    public const string German = "de";
    public const string English = "en";
    public const int MaxLength = 8;

    public static readonly IReadOnlyList<string> Supported = [German, English];

    /// <summary>An optional language code; blank is German, anything but <c>de</c> or <c>en</c> a field error.</summary>
    public static string Validate(ValidationErrors errors, string field, string? code)
    {
        var value = string.IsNullOrWhiteSpace(code) ? German : code.Trim().ToLowerInvariant();
        if (!Supported.Contains(value))
        {
            errors.Add(field, $"must be one of: {string.Join(", ", Supported)}.");
        }

        return value;
    }
}
