namespace Meetings.Domain.Common;

/// <summary>
/// Collects every field error of one input so the caller learns all of them at once, then throws a
/// <see cref="DomainValidationException"/>. Field names are the JSON paths the API uses.
/// </summary>
public sealed class ValidationErrors
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

    /// <summary>
    /// A required one-line text (a name, a title, a code) of at most <paramref name="maxLength"/> characters, without
    /// control characters or bidirectional overrides (<see cref="TextRules"/>); returns it trimmed.
    /// </summary>
    public string Text(string field, string? value, int maxLength) =>
        Checked(field, value, maxLength, multiline: false) ?? Missing(field);

    /// <summary>An optional one-line text (see <see cref="Text"/>); blank becomes null.</summary>
    public string? OptionalText(string field, string? value, int maxLength) =>
        Checked(field, value, maxLength, multiline: false);

    /// <summary>
    /// A required text of several lines (a reason): line feeds are kept (CRLF becomes LF), every other control
    /// character and the bidirectional overrides are refused (<see cref="TextRules"/>); returns it trimmed.
    /// </summary>
    public string MultilineText(string field, string? value, int maxLength) =>
        Checked(field, value, maxLength, multiline: true) ?? Missing(field);

    /// <summary>An optional text of several lines (a description, an abstract, a comment; see <see cref="MultilineText"/>); blank becomes null.</summary>
    public string? OptionalMultilineText(string field, string? value, int maxLength) =>
        Checked(field, value, maxLength, multiline: true);

    /// <summary>A required e-mail address, one mailbox as <see cref="EmailAddress"/> says; returns it trimmed and in lower case.</summary>
    public string Email(string field, string? value)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            Add(field, "is required.");
            return trimmed;
        }

        if (!TextRules.IsOneLine(value!))
        {
            Add(field, TextRules.OneLineRule);
        }
        else if (!EmailAddress.IsValid(trimmed))
        {
            Add(field, EmailAddress.Rule);
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

    private string Missing(string field)
    {
        if (!_errors.ContainsKey(field))
        {
            Add(field, "is required.");
        }

        return string.Empty;
    }

    /// <summary>The value checked and trimmed; null when blank (and for a refused value, whose error is added).</summary>
    private string? Checked(string field, string? value, int maxLength, bool multiline)
    {
        if (value is null)
        {
            return null;
        }

        if (multiline)
        {
            value = TextRules.NormalizeLineBreaks(value);
        }

        if (multiline ? !TextRules.IsMultiline(value) : !TextRules.IsOneLine(value))
        {
            Add(field, multiline ? TextRules.MultilineRule : TextRules.OneLineRule);
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters.");
        }

        return trimmed;
    }

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new DomainValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
