using System.Buffers;
using System.Text;

namespace Meetings.Infrastructure.Calendar;

/// <summary>
/// Parameter values of iCalendar (RFC 5545, 3.2) such as the <c>CN</c> of an ATTENDEE. Text values (SUMMARY,
/// LOCATION, DESCRIPTION) are escaped by Ical.Net as RFC 5545, 3.3.11 requires; parameter values are not: Ical.Net 5.2.4
/// writes line breaks in them as they are (a new property of the attacker's choosing) and drops double quotes. So
/// every parameter value is encoded here first, as RFC 6868 says — caret as <c>^^</c>, double quote as <c>^'</c>, a
/// line break as <c>^n</c> — and other control characters are left out; Ical.Net then quotes the value when it holds
/// <c>;</c>, <c>:</c> or <c>,</c>. Names never hold line breaks (the domain refuses them): this is the writer's own
/// guarantee, whatever it is given.
/// <para>
/// The same holds for the rest of what the writer is given, which may be stored data from before a rule: text values
/// (<see cref="Value"/>) lose the control characters iCalendar has no escape for, and every address becomes a mailto:
/// URI whatever it holds (<see cref="Mailto"/>), so that no stored name, text or address can make a calendar file fail
/// or say more than it should.
/// </para>
/// </summary>
public static class CalendarText
{
    /// <summary>What a text value loses: C0 but TAB, DEL, C1, the bidirectional overrides and isolates (CR and LF become LF).</summary>
    private static readonly SearchValues<char> NotInText = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Where(c => c != '\t').Select(c => (char)c))
        + string.Concat(Enumerable.Range(0x7f, 0x21).Select(c => (char)c))
        + "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069");

    /// <summary>What stands in a mailto: URI as it is (RFC 6068 allows a little more; this is enough for every address of the rule).</summary>
    private static readonly SearchValues<char> LiteralInMailto = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$'*+");

    /// <summary>
    /// A text value (SUMMARY, LOCATION, DESCRIPTION) as Ical.Net may escape it: CRLF and a CR alone become LF (which
    /// Ical.Net writes as <c>\n</c>); the other control characters but TAB, and the bidirectional overrides, are left out.
    /// </summary>
    public static string? Value(string? value)
    {
        if (value is null || !value.AsSpan().ContainsAny(NotInText))
        {
            return value;
        }

        var clean = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '\r' when i + 1 < value.Length && value[i + 1] == '\n':
                    break; // CRLF: one line break, written at the LF
                case '\r' or '\n':
                    clean.Append('\n');
                    break;
                case var c when !NotInText.Contains(c):
                    clean.Append(c);
                    break;
            }
        }

        return clean.ToString();
    }

    /// <summary>
    /// A mailto: URI (RFC 6068) of an address, whatever the address holds: a character that may not stand in it as it
    /// is (<c>%</c>, <c>#</c>, <c>?</c>, <c>/</c>, a space, a quote, anything not ASCII, …) is percent-encoded as UTF-8,
    /// and an <c>@</c> but the last, so the URI names exactly this one address (an address of the rule is written
    /// unchanged but for <c>#&amp;/=?^`{|}</c>). An address whose domain is no host name (<c>vera@[127.0.0.1]</c>, none
    /// at all, a line break in it) is written as RFC 6068's <c>mailto:?to=…</c>, all of it encoded. Ical.Net's own
    /// constructors refuse what <see cref="Uri"/> finds ill-formed (an ArgumentException for
    /// <c>attacker%evil.example@…</c>, which once stopped every mail).
    /// </summary>
    public static Uri Mailto(string address)
    {
        var at = address.LastIndexOf('@');
        if (at > 0 && at < address.Length - 1
            && Uri.TryCreate($"mailto:{Encoded(address[..at])}@{Encoded(address[(at + 1)..])}", UriKind.Absolute, out var uri))
        {
            return uri;
        }

        return new Uri($"mailto:?to={Uri.EscapeDataString(address)}", UriKind.Absolute);
    }

    /// <summary>A part of an address with every character but <see cref="LiteralInMailto"/> percent-encoded (UTF-8).</summary>
    private static string Encoded(string part)
    {
        var encoded = new StringBuilder(part.Length + 8);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            if (LiteralInMailto.Contains(c))
            {
                encoded.Append(c);
                continue;
            }

            var length = char.IsSurrogatePair(part, i)
                ? Encoding.UTF8.GetBytes(part.AsSpan(i++, 2), bytes)
                : Encoding.UTF8.GetBytes(char.IsSurrogate(c) ? "\uFFFD" : c.ToString(), bytes);
            foreach (var b in bytes[..length])
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    public static string ParameterValue(string value)
    {
        var encoded = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '^':
                    encoded.Append("^^");
                    break;
                case '"':
                    encoded.Append("^'");
                    break;
                case '\r' when i + 1 < value.Length && value[i + 1] == '\n':
                    break; // CRLF: one line break, written at the LF
                case '\r' or '\n':
                    encoded.Append("^n");
                    break;
                case var c when char.IsControl(c) && c != '\t':
                    break;
                case var c:
                    encoded.Append(c);
                    break;
            }
        }

        return encoded.ToString();
    }

    /// <summary>A parameter value as read (Ical.Net hands it over as written, quotes removed): RFC 6868 decoded.</summary>
    public static string FromParameterValue(string value)
    {
        if (!value.Contains('^', StringComparison.Ordinal))
        {
            return value;
        }

        var decoded = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '^' && i + 1 < value.Length && value[i + 1] is '^' or '\'' or 'n' or 'N')
            {
                decoded.Append(value[++i] switch { '^' => '^', '\'' => '"', _ => '\n' });
            }
            else
            {
                decoded.Append(value[i]);
            }
        }

        return decoded.ToString();
    }
}
