using Microsoft.Data.Sqlite;
using Npgsql;

namespace Meetings.Infrastructure.Persistence;

/// <summary>
/// Recognises a database that is unavailable for now — stopped, restarting, unreachable, out of
/// connections, or (SQLite) locked by another process past the busy timeout — as opposed to a request
/// the database refused (a constraint) or a bug. Such failures are worth a retry a little later.
/// </summary>
public static class DatabaseFailure
{
    // SQLITE_BUSY, SQLITE_LOCKED: another connection holds the lock longer than the busy timeout.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>
    /// PostgreSQL states that mean "not now": too many connections (53300), out of resources (53xxx),
    /// the server shutting down or starting (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot
    /// connect now), a lock or statement timeout (55P03, 57014), a deadlock or serialization failure
    /// (40P01, 40001: the transaction was rolled back and may simply be tried again), system errors
    /// (58xxx), and every connection exception (08xxx).
    /// </summary>
    private static readonly HashSet<string> PostgresStates =
        ["53000", "53100", "53200", "53300", "53400", "57P01", "57P02", "57P03", "57P05", "55P03", "57014", "40001", "40P01", "58000", "58030"];

    /// <summary>The database is unavailable for now; the request may succeed when tried again.</summary>
    public static bool IsTransient(Exception exception) => Chain(exception).Any(e => e switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || PostgresStates.Contains(p.SqlState),
        NpgsqlException n => n.IsTransient, // no answer from a server: refused, reset, timed out, pool exhausted
        SqliteException s => s.SqliteErrorCode is SqliteBusy or SqliteLocked,
        _ => false,
    });

    /// <summary>
    /// Whether anything in <paramref name="exception"/> comes from the database (a driver's error, EF's failed save, or one
    /// that <see cref="IsTransient"/> counts): not the fault of the data a statement was about.
    /// </summary>
    public static bool IsDatabaseError(Exception exception) =>
        IsTransient(exception) || Chain(exception).Any(e => e is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException);

    /// <summary>The exception and every inner one (also of aggregates).</summary>
    internal static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
