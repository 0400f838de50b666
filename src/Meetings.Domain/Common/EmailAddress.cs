using System.Text.RegularExpressions;
using MimeKit;

namespace Meetings.Domain.Common;

/// <summary>
/// The one rule for an e-mail address, whatever brings it (JSON, the answer page, a calendar reply, the directory
/// import, the configuration): one mailbox <c>local@domain</c> and nothing else.
/// <list type="bullet">
/// <item>The local part is a dot-atom of ASCII letters, digits and <c>#$&amp;'*+-/=?^_`{|}~</c>, with dots between them
/// (not first, last or doubled), at most 64 characters. No <c>%</c> or <c>!</c> (the source routes of old relays:
/// <c>attacker%evil.example@augsburg.example</c> is an address in the city's domain that its relay may hand on), no
/// quotes, comments, spaces or non-ASCII letters (SMTPUTF8 is not something the city's relay must speak).</item>
/// <item>The domain has at least two labels of ASCII letters, digits and hyphens (not at a label's start or end, at
/// most 63 characters); the last label is not all digits. No IP literals (<c>[127.0.0.1]</c>), no source routes
/// (<c>@a.example:b@c.example</c>). An internationalised domain (<c>münchen.example</c>) is given in its ASCII form
/// (<c>xn--mnchen-3ya.example</c>): one spelling per mailbox, so that the allowed domains compare as text and a
/// look-alike letter from another script is no other domain that passes for the city's.</item>
/// <item>At most <see cref="MaxLength"/> characters in all (RFC 5321's path limit less the angle brackets).</item>
/// </list>
/// The shape is checked by a pattern, and the address must also parse as exactly this one mailbox with MimeKit's
/// strict RFC 5322 parser (no display name, no route): the parser made for it has the last word.
/// </summary>
public static partial class EmailAddress
{
    public const int MaxLength = 254;

    public const int LocalPartMaxLength = 64;

    /// <summary>What the rule asks, as a 400 says it.</summary>
    public const string Rule =
        "is not a valid e-mail address: one mailbox local@domain, the local part of letters, digits, dots (not first, last "
        + "or doubled) and #$&'*+-/=?^_`{|}~ (no %, !, quotes, comments or spaces), the domain of at least two labels of "
        + "letters, digits and hyphens (an internationalised domain in its xn-- form, no IP address), at most 254 characters.";

    private static readonly ParserOptions Strict = StrictOptions();

    /// <summary>Whether <paramref name="value"/> (as given: not trimmed, any case) is one mailbox as the rule says.</summary>
    public static bool IsValid(string value) =>
        value is { Length: > 0 and <= MaxLength }
        && Shape().IsMatch(value)
        && value.IndexOf('@', StringComparison.Ordinal) <= LocalPartMaxLength
        && !TopLevelLabel(value).All(char.IsAsciiDigit)
        && MailboxAddress.TryParse(Strict, value, out var parsed)
        && parsed.Route.Count == 0
        && string.IsNullOrEmpty(parsed.Name)
        && string.Equals(MailboxAddress.EncodeAddrspec(parsed.Address), value, StringComparison.OrdinalIgnoreCase); // MimeKit reads xn-- as Unicode

    /// <summary>Addresses are compared and stored in lower case.</summary>
    public static string Normalize(string value) => value.Trim().ToLowerInvariant();

    private static string TopLevelLabel(string value) => value[(value.LastIndexOf('.') + 1)..];

    private static ParserOptions StrictOptions()
    {
        var options = ParserOptions.Default.Clone();
        options.AddressParserComplianceMode = RfcComplianceMode.Strict;
        options.AllowAddressesWithoutDomain = false;
        options.AllowUnquotedCommasInAddresses = false;
        return options;
    }

    // \z, not $: $ would also match before a final line feed.
    [GeneratedRegex(
        @"\A[A-Za-z0-9#$&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9#$&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
