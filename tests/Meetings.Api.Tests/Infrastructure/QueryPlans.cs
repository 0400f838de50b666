using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>
/// The SQL the service runs while <see cref="Start"/>ed: every command of every context (an EF interceptor, as the service
/// registers its own), with its parameters, to ask the database how it would run each statement (<see cref="QueryPlans"/>).
/// </summary>
public sealed class SqlCapture : DbCommandInterceptor
{
    private readonly ConcurrentQueue<CapturedCommand> _commands = new();
    private volatile bool _capturing;

    public IReadOnlyCollection<CapturedCommand> Commands => _commands;

    public void Start()
    {
        _commands.Clear();
        _capturing = true;
    }

    public void Stop() => _capturing = false;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Capture(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Capture(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Capture(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Capture(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Capture(command);
        return ValueTask.FromResult(result);
    }

    private void Capture(DbCommand command)
    {
        if (_capturing)
        {
            _commands.Enqueue(new CapturedCommand(command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(QueryPlans.Copy)]));
        }
    }
}

/// <summary>One command as the service ran it.</summary>
public sealed record CapturedCommand(string Sql, IReadOnlyList<DbParameter> Parameters)
{
    /// <summary>Its statements one by one (EF sends a save's statements together).</summary>
    public IEnumerable<string> Statements => Regex.Split(Sql, @";\s*(?:\r?\n|$)").Select(s => s.Trim()).Where(s => s.Length > 0);
}

/// <summary>
/// How the database would run a statement, and whether it reads a whole table: on SQLite <c>EXPLAIN QUERY PLAN</c>
/// (a <c>SCAN</c> of the table, with or without an index, reads all of it; a <c>SEARCH</c> reads the rows its key
/// finds); on PostgreSQL <c>EXPLAIN</c> with sequential scans priced out, so that the plan shows whether an index
/// <em>can</em> serve the statement whatever the table's size: a Seq Scan left, or an index scan without an index
/// condition, reads the whole table.
/// </summary>
public static partial class QueryPlans
{
    /// <summary>The statements among <paramref name="commands"/> that would read all of one of <paramref name="tables"/>, each with its plan.</summary>
    public static async Task<List<string>> WholeTableReads(TestDatabase database, IEnumerable<CapturedCommand> commands, IReadOnlyCollection<string> tables)
    {
        var found = new List<string>();
        await using var connection = Open(database);
        await connection.OpenAsync();
        foreach (var command in commands)
        {
            foreach (var statement in command.Statements.Where(s => Dml().IsMatch(s)))
            {
                var (plan, scanned) = connection is NpgsqlConnection
                    ? await Postgres(connection, statement, command.Parameters, tables)
                    : await Sqlite(connection, statement, command.Parameters, tables);
                if (scanned.Count > 0)
                {
                    found.Add($"{statement}\n  reads all of {string.Join(", ", scanned)}:\n  {plan}");
                }
            }
        }

        return found;
    }

    /// <summary>A parameter as the provider typed it (a GUID is TEXT on SQLite, uuid on PostgreSQL).</summary>
    public static DbParameter Copy(DbParameter p) => p switch
    {
        NpgsqlParameter npgsql => npgsql.Clone(),
        SqliteParameter sqlite => new SqliteParameter(sqlite.ParameterName, sqlite.Value ?? DBNull.Value) { SqliteType = sqlite.SqliteType, Size = sqlite.Size },
        _ => throw new NotSupportedException(p.GetType().Name),
    };

    private static DbConnection Open(TestDatabase database) => database.Provider == "Postgres"
        ? new NpgsqlConnection(database.ConnectionString + ";Pooling=false")
        : new SqliteConnection(database.ConnectionString + ";Pooling=False");

    private static async Task<(string Plan, List<string> Scanned)> Sqlite(DbConnection connection, string statement, IReadOnlyList<DbParameter> parameters, IReadOnlyCollection<string> tables)
    {
        // The plan names a table by its alias: FROM "InvitationHistory" AS "i0".
        var aliases = Aliased().Matches(statement).ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value, StringComparer.Ordinal);
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + statement;
        explain.Parameters.AddRange(parameters.Select(Copy).ToArray());
        var lines = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(3));
            }
        }

        var scanned = lines.Select(l => SqliteScan().Match(l)).Where(m => m.Success)
            .Select(m => aliases.GetValueOrDefault(m.Groups[1].Value) ?? m.Groups[1].Value)
            .Where(tables.Contains).Distinct().ToList();
        return (string.Join(" | ", lines), scanned);
    }

    private static async Task<(string Plan, List<string> Scanned)> Postgres(DbConnection connection, string statement, IReadOnlyList<DbParameter> parameters, IReadOnlyCollection<string> tables)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var off = connection.CreateCommand())
        {
            off.Transaction = transaction;
            off.CommandText = "SET LOCAL enable_seqscan = off";
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = connection.CreateCommand();
        explain.Transaction = transaction;
        explain.CommandText = "EXPLAIN (FORMAT JSON) " + statement;
        explain.Parameters.AddRange(parameters.Select(Copy).ToArray());
        var json = (string)(await explain.ExecuteScalarAsync())!;
        await transaction.RollbackAsync();
        var scanned = new List<string>();
        void Walk(JsonElement node)
        {
            var type = node.GetProperty("Node Type").GetString();
            var relation = node.TryGetProperty("Relation Name", out var r) ? r.GetString() : null;
            var index = node.TryGetProperty("Index Name", out var i) ? i.GetString() : null;
            var table = relation ?? tables.FirstOrDefault(t => index is not null && IndexOf(t).IsMatch(index));
            var whole = type == "Seq Scan" || (type is "Index Scan" or "Index Only Scan" or "Bitmap Index Scan" && !node.TryGetProperty("Index Cond", out _));
            if (whole && table is not null && tables.Contains(table))
            {
                scanned.Add(table);
            }

            if (node.TryGetProperty("Plans", out var children))
            {
                foreach (var child in children.EnumerateArray())
                {
                    Walk(child);
                }
            }
        }

        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement[0].GetProperty("Plan"));
        return (json.ReplaceLineEndings(" "), scanned.Distinct().ToList());
    }

    private static Regex IndexOf(string table) => new($"^(IX|PK|AK)_{table}(_|$)", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"^\s*(SELECT|UPDATE|DELETE|INSERT|WITH)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Dml();

    [GeneratedRegex(@"""(\w+)""\s+AS\s+""(\w+)""")]
    private static partial Regex Aliased();

    [GeneratedRegex(@"^SCAN (\w+)")]
    private static partial Regex SqliteScan();
}
