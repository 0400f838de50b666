using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Meetings.Domain.Common;

/// <summary>
/// Collects every field error of one input so the caller learns all of them at once, then throws a
/// <see cref="DomainValidationException"/>. Field names are the JSON paths the API uses.
/// </summary>
public sealed partial class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    /// <summary>A required text of at most <paramref name="maxLength"/> characters; returns it trimmed.</summary>
    public string Text(string field, string? value, int maxLength)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            Add(field, "is required.");
        }
        else if (trimmed.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters.");
        }

        return trimmed;
    }

    /// <summary>An optional text of at most <paramref name="maxLength"/> characters; blank becomes null.</summary>
    public string? OptionalText(string field, string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters.");
        }

        return trimmed;
    }

    /// <summary>A required e-mail address; returns it trimmed and in lower case.</summary>
    public string Email(string field, string? value)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            Add(field, "is required.");
            return trimmed;
        }

        if (!EmailAddress.IsValid(trimmed))
        {
            Add(field, "is not a valid e-mail address.");
        }

        return EmailAddress.Normalize(trimmed);
    }

    public T Required<T>(string field, T? value) where T : struct
    {
        if (value is null)
        {
            Add(field, "is required.");
            return default;
        }

        return value.Value;
    }

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new DomainValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}

/// <summary>E-mail address rules shared by every aggregate.</summary>
public static partial class EmailAddress
{
    public const int MaxLength = 254;

    public static bool IsValid(string value) =>
        value.Length <= MaxLength
        && SimpleShape().IsMatch(value)
        && MailAddress.TryCreate(value, out var parsed)
        && string.Equals(parsed.Address, value, StringComparison.OrdinalIgnoreCase);

    /// <summary>Addresses are compared and stored in lower case.</summary>
    public static string Normalize(string value) => value.Trim().ToLowerInvariant();

    [GeneratedRegex(@"^[^\s@<>()\[\],;:""]+@[^\s@<>()\[\],;:""]+\.[^\s@<>()\[\],;:""]+$")]
    private static partial Regex SimpleShape();
}
