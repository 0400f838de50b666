using Meetings.Domain.Common;

namespace Meetings.Domain.Meetings;

/// <summary>
/// The addresses the service may send mail to on someone's word: the addresses it knows (the directory's heads and
/// deputies, the series' hosts and organizers, the partner cities' contacts, confirmed speakers) and every address in
/// the allowed mail domains (<c>Mail:AllowedDomains</c>; by default the domains of the directory's addresses). A
/// delegate outside them is refused (422) unless an admin names it: otherwise anyone holding a link or a key could
/// make the city's official invitation go to any address, under a name of their choosing.
/// </summary>
public sealed class AllowedRecipients
{
    private readonly HashSet<string> _addresses;
    private readonly HashSet<string> _domains;

    private AllowedRecipients(IEnumerable<string> addresses, IEnumerable<string> domains)
    {
        _addresses = addresses.Select(EmailAddress.Normalize).ToHashSet(StringComparer.Ordinal);
        _domains = domains.Select(NormalizeDomain).Where(d => d.Length > 0).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Nobody: for answers that cannot name a delegate, or that an admin records (who may name anyone).</summary>
    public static AllowedRecipients None { get; } = new([], []);

    /// <summary>The known <paramref name="addresses"/> and every address of the <paramref name="domains"/> (exact domains, any case).</summary>
    public static AllowedRecipients Of(IEnumerable<string> addresses, IEnumerable<string> domains) => new(addresses, domains);

    /// <summary>The domains of <paramref name="addresses"/>: the default allowed domains are those of the directory.</summary>
    public static IEnumerable<string> DomainsOf(IEnumerable<string> addresses) =>
        addresses.Select(a => a.LastIndexOf('@') is var at and >= 0 ? a[(at + 1)..] : string.Empty).Select(NormalizeDomain).Where(d => d.Length > 0).Distinct();

    public bool Allows(string email)
    {
        var address = EmailAddress.Normalize(email);
        var at = address.LastIndexOf('@');
        return _addresses.Contains(address) || (at >= 0 && _domains.Contains(address[(at + 1)..]));
    }

    /// <summary>422 for an address the service does not mail.</summary>
    public void EnsureAllowed(string field, string email)
    {
        if (!Allows(email))
        {
            throw new RecipientNotAllowedException(field,
                $"{email} is not an address this service sends mail to: a delegate must be in the directory or have an address of the city's "
                + "mail domains. Ask the office to record another delegate.");
        }
    }

    private static string NormalizeDomain(string domain) => domain.Trim().TrimStart('@').TrimEnd('.').ToLowerInvariant();
}

/// <summary>An address named for mail that the service does not send to (<see cref="AllowedRecipients"/>): 422, naming the field.</summary>
public sealed class RecipientNotAllowedException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
