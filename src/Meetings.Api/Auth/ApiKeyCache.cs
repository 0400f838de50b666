using System.Collections.Concurrent;
using System.Text;
using Meetings.Domain.Directory;

namespace Meetings.Api.Auth;

/// <summary>
/// The keys this instance looked up in the last second, by hash: integrations poll with the same key many times a
/// second, and the database look-up was most of a keyed read's cost (docs/performance.md, "Reads"). An entry lives
/// <see cref="Lifetime"/> from its look-up, so a key revoked on any instance (several share one database) is refused
/// everywhere within a second; this instance forgets a key it revoked at once. Unknown keys are never kept: a key
/// created on another instance works at once. Bounded: when full, it starts again empty.
/// </summary>
internal sealed class ApiKeyCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (Caller Caller, long LookedUpAt)> _entries = new(StringComparer.Ordinal);
    private Bootstrap _bootstrap = new(null, null); // replaced whole: readers never see half of a change

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

    public bool TryGet(string hash, out Caller caller)
    {
        if (_entries.TryGetValue(hash, out var entry) && clock.GetElapsedTime(entry.LookedUpAt) < Lifetime)
        {
            caller = entry.Caller;
            return true;
        }

        caller = null!;
        return false;
    }

    /// <param name="lookedUpAt">When the database was asked (<see cref="TimeProvider.GetTimestamp"/>): the entry's age counts from then.</param>
    public void Add(string hash, Caller caller, long lookedUpAt)
    {
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
}
