using MimeKit;
using MimeKit.Cryptography;

namespace Meetings.Infrastructure.Mail.Inbox;

/// <summary>
/// RFC 6047 §2.2 asks that a REPLY's sender be authenticated: with <c>Mail:Inbox:TrustedAuthServId</c> set, a reply
/// counts only when an <c>Authentication-Results</c> header (RFC 8601) of that authserv-id says <c>dmarc=pass</c>. A
/// header of any other authserv-id is ignored — anyone can write one into a message; only the office's own server's
/// is added (and a forged one of the same id removed) on the way in.
/// </summary>
public static class AuthenticationResultsCheck
{
    /// <summary>Null when the message passes (or nothing is required), else why not.</summary>
    public static string? WhyNot(MimeMessage message, string? trustedAuthServId)
    {
        if (string.IsNullOrWhiteSpace(trustedAuthServId))
        {
            return null;
        }

        foreach (var header in message.Headers.Where(h => h.Id == HeaderId.AuthenticationResults))
        {
            if (!AuthenticationResults.TryParse(header.RawValue, out var results)
                || !string.Equals(results.AuthenticationServiceIdentifier, trustedAuthServId.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (results.Results.Any(r => r.Method.Equals("dmarc", StringComparison.OrdinalIgnoreCase) && r.Result.Equals("pass", StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            return $"the Authentication-Results of {trustedAuthServId} do not say dmarc=pass";
        }

        return $"no Authentication-Results header of {trustedAuthServId}";
    }
}
