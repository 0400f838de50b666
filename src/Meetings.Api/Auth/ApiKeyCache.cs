using System.Collections.Concurrent;
using System.Text;
using Meetings.Domain.Directory;

namespace Meetings.Api.Auth;

/// <summary>
/// The keys this instance looked up, by hash: integrations poll with the same key many times a second, and the database
/// look-up was most of a keyed read's cost (docs/performance.md, "Reads"). What a key may do never changes; only a
/// revocation ends it, and keys are never un-revoked or deleted. So instead of looking each key up again every second,
/// the instance reads once a second how many keys are revoked (<see cref="Revocations"/>): while that number stays the
/// same, every kept key is still good; when it changes, everything kept is forgotten. A key revoked on any instance (several
/// share one database) is thus refused everywhere within a second, and an integration answering for a thousand departments
/// with a thousand keys costs one small query a second instead of one a request. This instance forgets a key it revoked
/// at once. Unknown keys are never kept: a key created on another instance works at once. Bounded: when full, it starts
/// again empty.
/// </summary>
internal sealed class ApiKeyCache(TimeProvider clock)
{
    /// <summary>How old the count of revoked keys may be for a kept key to count.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (Caller Caller, long LookedUpAt)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _revocations = new(); // writers of the count; readers read _counted without a lock
    private Bootstrap _bootstrap = new(null, null); // replaced whole: readers never see half of a change
    private Counted? _counted; // the number of revoked keys as last read, and when; replaced whole
    private long _notBefore; // entries looked up before this may predate a revocation seen since

    /// <summary>Whether the count of revoked keys was read less than <see cref="Lifetime"/> ago; if not, read it (<see cref="Revocations"/>) before <see cref="TryGet"/>.</summary>
    public bool Current => Volatile.Read(ref _counted) is { } counted && clock.GetElapsedTime(counted.At) < Lifetime;

    /// <summary>
    /// How many keys are revoked, read from the database at <paramref name="countedAt"/> (<see cref="TimeProvider.GetTimestamp"/>,
    /// taken before the query). A number other than the last one read means a revocation: everything kept is forgotten.
    /// </summary>
    public void Revocations(int revoked, long countedAt)
    {
        lock (_revocations)
        {
            var known = _counted;
            if (revoked != known?.Revoked)
            {
                // a look-up that started before this count may have read a key revoked since: not kept, not served
                Volatile.Write(ref _notBefore, Math.Max(Volatile.Read(ref _notBefore), countedAt));
                _entries.Clear();
            }

            if (revoked != known?.Revoked || countedAt > known.At)
            {
                Volatile.Write(ref _counted, new Counted(revoked, Math.Max(known?.At ?? countedAt, countedAt)));
            }
        }
    }

    /// <summary>The hash of <c>Auth:BootstrapAdminKey</c> (as ASCII bytes), computed again only when the setting changes; null when unset.</summary>
    public byte[]? BootstrapHash(string? configured)
    {
        var known = _bootstrap;
        if (!string.Equals(known.Key, configured, StringComparison.Ordinal))
        {
            known = _bootstrap = new Bootstrap(configured, string.IsNullOrWhiteSpace(configured) ? null : Encoding.ASCII.GetBytes(ApiKey.HashOf(configured.Trim())));
        }

        return known.Hash;
    }

    /// <summary>A kept key, if the count of revoked keys is <see cref="Current"/> and has not changed since its look-up.</summary>
    public bool TryGet(string hash, out Caller caller)
    {
        if (_entries.TryGetValue(hash, out var entry) && Current && entry.LookedUpAt >= Volatile.Read(ref _notBefore))
        {
            caller = entry.Caller;
            return true;
        }

        caller = null!;
        return false;
    }

    /// <param name="lookedUpAt">When the database was asked (<see cref="TimeProvider.GetTimestamp"/>): a look-up older than a revocation seen since is not kept.</param>
    public void Add(string hash, Caller caller, long lookedUpAt)
    {
        if (lookedUpAt < Volatile.Read(ref _notBefore))
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[hash] = (caller, lookedUpAt);
    }

    /// <summary>A key this instance revoked: refused from its next request on.</summary>
    public void Forget(Guid keyId)
    {
        foreach (var (hash, entry) in _entries)
        {
            if (entry.Caller.KeyId == keyId)
            {
                _entries.TryRemove(hash, out _);
            }
        }
    }

    private sealed record Bootstrap(string? Key, byte[]? Hash);

    private sealed record Counted(int Revoked, long At);
}
