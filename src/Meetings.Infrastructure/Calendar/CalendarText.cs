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
/// </summary>
public static class CalendarText
{
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
