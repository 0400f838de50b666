using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Meetings.Domain.Directory;
using Meetings.Domain.Documents;
using Meetings.Domain.Feeds;
using Meetings.Domain.Meetings;
using Meetings.Domain.Results;
using Meetings.Domain.Topics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Meetings.Infrastructure.Persistence;

/// <summary>
/// What every invitee of a meeting reads alike — the meeting with its agenda, its confirmed speakers, its series' name —
/// kept in this process for at most <see cref="Lifetime"/>, so that a page opened as often as mails are read asks the
/// database only for what is personal. A change to a meeting, its agenda, its speakers or a series saved through this
/// process drops what it touches as soon as it is saved; one saved by another instance shows here after at most
/// <see cref="Lifetime"/>. Whatever must be current for a rule (is the invitation open, may it be answered) is checked
/// again against the database when an answer is written, never against this cache. Values are shared between requests
/// and read only.
/// </summary>
public sealed class MeetingReadCache(TimeProvider clock) : SaveChangesInterceptor
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);
    private const int TidyAbove = 1_000;

    private readonly ConcurrentDictionary<(Guid MeetingId, string Part), Entry> _entries = new();
    private readonly ConditionalWeakTable<DbContext, Touched> _saving = new();

    // Bumped by every save that touches cached content: a value loaded while one was under way is not kept, because
    // it may have been read before that save was committed.
    private long _generation;

    /// <summary>The meeting's value of type <typeparamref name="T"/>: kept, or loaded (and kept unless a save intervened).</summary>
    public Task<T> GetAsync<T>(Guid meetingId, Func<CancellationToken, Task<T>> load, CancellationToken ct)
        where T : class => GetAsync(meetingId, string.Empty, load, ct);

    /// <summary>One <paramref name="part"/> of what the meeting's invitees read alike (e.g. per department and language).</summary>
    public async Task<T> GetAsync<T>(Guid meetingId, string part, Func<CancellationToken, Task<T>> load, CancellationToken ct)
        where T : class
    {
        var key = (meetingId, part);
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var kept) && kept.Value is T value && now - kept.LoadedAt < Lifetime)
        {
            return value;
        }

        var generation = Interlocked.Read(ref _generation);
        value = await load(ct);
        if (Interlocked.Read(ref _generation) == generation)
        {
            _entries[key] = new Entry(value, now);
            Tidy(now);
        }

        return value;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Before the save: which meetings it touches (afterwards every entry reads as unchanged).</summary>
    private void Saving(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var touched = new Touched();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case Meeting m when Changed(entry):
                    touched.Meetings.Add(m.Id);
                    break;
                case AgendaItem a when Changed(entry):
                    touched.Meetings.Add(a.MeetingId);
                    break;
                case Speaker s when Changed(entry):
                    touched.Meetings.Add(s.MeetingId);
                    break;
                case Document d when Changed(entry):
                    touched.Meetings.Add(d.MeetingId);
                    break;
                case DocumentVersion when Changed(entry): // a new version (names no meeting): rare
                    touched.Everything = true;
                    break;
                case TopicCall c when Changed(entry):
                    touched.Meetings.Add(c.MeetingId);
                    break;
                case Feed when Changed(entry): // the people's feeds (PersonFeeds): rotated with the directory, rare
                    touched.Everything = true;
                    break;
                case Series or Department when Changed(entry):
                    touched.Everything = true;
                    break;
                // The results (minutes, tasks carried over from the series' other meetings): rare changes, felt by many meetings.
                case var results when results.GetType().Namespace == typeof(Minutes).Namespace && Changed(entry):
                    touched.Everything = true;
                    break;
            }
        }

        if (touched.Everything || touched.Meetings.Count > 0)
        {
            _saving.AddOrUpdate(context, touched);
            Drop(touched);
        }
    }

    /// <summary>After the save (or its failure): drop again what a request may have loaded while it was under way.</summary>
    private void Saved(DbContext? context)
    {
        if (context is not null && _saving.TryGetValue(context, out var touched))
        {
            _saving.Remove(context);
            Drop(touched);
        }
    }

    private void Drop(Touched touched)
    {
        Interlocked.Increment(ref _generation);
        if (touched.Everything)
        {
            _entries.Clear();
            return;
        }

        foreach (var key in _entries.Keys.Where(k => touched.Meetings.Contains(k.MeetingId)))
        {
            _entries.TryRemove(key, out _);
        }
    }

    private void Tidy(DateTimeOffset now)
    {
        if (_entries.Count <= TidyAbove)
        {
            return;
        }

        foreach (var (key, entry) in _entries)
        {
            if (now - entry.LoadedAt >= Lifetime)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private static bool Changed(EntityEntry entry) =>
        entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        || entry.References.Any(r => r.TargetEntry is { } owned && owned.Metadata.IsOwned()
                                                            && owned.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);

    private sealed record Entry(object Value, DateTimeOffset LoadedAt);

    private sealed class Touched
    {
        public HashSet<Guid> Meetings { get; } = [];

        public bool Everything { get; set; }
    }
}
