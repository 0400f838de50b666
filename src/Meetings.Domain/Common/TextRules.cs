using System.Buffers;

namespace Meetings.Domain.Common;

/// <summary>
/// Which characters a text may hold, whatever channel brings it (JSON, a calendar reply, the answer page). Control
/// characters (C0, DEL, C1: CR, LF, TAB among them), the bidirectional embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069) and the Unicode line and paragraph separators are refused in one-line fields — a
/// name, a title, a code, an address — because every format the service writes gives them a meaning of their own
/// (a new iCalendar property, a new paragraph of a mail, text shown in another order than it is stored). Texts of
/// several lines (a description, an abstract, a comment, a reason) may hold LF, and nothing else of these.
/// </summary>
public static class TextRules
{
    public const string OneLineRule =
        "must be a single line without control characters (line breaks, tabs) or bidirectional overrides (U+202A–U+202E, U+2066–U+2069).";

    public const string MultilineRule =
        "may contain line breaks (LF) but no other control characters (CR alone, tabs) or bidirectional overrides (U+202A–U+202E, U+2066–U+2069).";

    private static readonly SearchValues<char> NotInOneLine = SearchValues.Create(Refused(allowLineFeed: false));
    private static readonly SearchValues<char> NotInSeveralLines = SearchValues.Create(Refused(allowLineFeed: true));

    public static bool IsOneLine(string value) => !value.AsSpan().ContainsAny(NotInOneLine);

    public static bool IsMultiline(string value) => !value.AsSpan().ContainsAny(NotInSeveralLines);

    /// <summary>
    /// Text from outside that is kept, not refused (a stranger's mail: a bounce's diagnostic, a note on a message), as one
    /// line: every character a one-line field refuses (a NUL among them, which PostgreSQL cannot store) becomes a space.
    /// </summary>
    public static string ToOneLine(string value)
    {
        if (IsOneLine(value))
        {
            return value;
        }

        return string.Create(value.Length, value, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = NotInOneLine.Contains(source[i]) ? ' ' : source[i];
            }
        });
    }

    /// <summary>CRLF (as browsers post a text area) becomes LF; a CR alone stays and is refused.</summary>
    public static string NormalizeLineBreaks(string value) => value.Contains('\r', StringComparison.Ordinal) ? value.Replace("\r\n", "\n", StringComparison.Ordinal) : value;

    private static string Refused(bool allowLineFeed)
    {
        var refused = new List<char>();
        for (var c = '\u0000'; c <= '\u001f'; c++)
        {
            if (!(allowLineFeed && c == '\n'))
            {
                refused.Add(c);
            }
        }

        for (var c = '\u007f'; c <= '\u009f'; c++)
        {
            refused.Add(c);
        }

        refused.AddRange("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029");
        return new string([.. refused]);
    }
}
