using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Meetings.Domain.Directory;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Meetings.Infrastructure.Persistence;

/// <summary>
/// The rows a save adds by the thousand — a publish's invitations and their ledger rows — written as multi-row
/// <c>INSERT</c>s (<see cref="RowsPerStatement"/> rows a statement) instead of EF's one statement per row (SQLite does not
/// batch at all; PostgreSQL sends each row as a statement of its own batch). Same transaction as the rest of the save,
/// same columns and values as EF writes them (from the model: column names, value converters, parameter types, database
/// defaults), through EF's command diagnostics (interceptors and the command log see each statement). Two sources: rows EF
/// tracks as added (a publish's invitations: the meeting holds them) — afterwards the entries count as saved
/// (<see cref="EntityState.Unchanged"/>) and EF writes the rest of the save; should that fail, they are
/// <see cref="EntityState.Added"/> again (<see cref="Restore"/>) — and rows EF never tracked (the mail planner's ledger rows,
/// <see cref="MeetingsDbContext.AddLedgerRows"/>). The unique keys are the database's, as before: a duplicate ledger key
/// fails the statement, hence the save (a <see cref="DbUpdateException"/>, as from EF).
/// </summary>
internal sealed class BulkInsert
{
    /// <summary>From this many added rows of a type on, they go as multi-row statements (fewer go EF's way).</summary>
    public const int Threshold = 8;

    /// <summary>Rows a statement at most; fewer when the columns times the rows would pass the provider's parameters a statement.</summary>
    public const int RowsPerStatement = 500;

    /// <summary>PostgreSQL: below its limit of 65,535 parameters a statement.</summary>
    private const int MaxParameters = 30_000;

    /// <summary>
    /// SQLite: 256 parameters a statement (about ten rows). SQLite finds each named parameter by a linear search of the
    /// statement's names, so binding n of them costs n²: 12,500 took seconds a statement, 256 take microseconds.
    /// </summary>
    private const int MaxSqliteParameters = 256;

    /// <summary>The types written this way: what grows with the number of invitees. Invitations first (nothing refers to the ledger).</summary>
    private static readonly Type[] Types = [typeof(Invitation), typeof(Delivery)];

    private readonly List<EntityEntry> _written = [];

    /// <summary>
    /// The added rows of the types that this save writes in bulk: of a type with at least <see cref="Threshold"/> of them,
    /// unless a meeting or department they would refer to is added in the same save (EF writes that after these rows: the
    /// foreign key would fail; then EF writes them all).
    /// </summary>
    public static List<EntityEntry> Tracked(DbContext db)
    {
        var added = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList();
        return added.Any(e => e.Entity is Meeting or Department)
            ? []
            : added.Where(e => Types.Contains(e.Metadata.ClrType)).GroupBy(e => e.Metadata.ClrType)
                .Where(g => g.Count() >= Threshold).OrderBy(g => Array.IndexOf(Types, g.Key)).SelectMany(g => g).ToList();
    }

    /// <summary>
    /// Writes <paramref name="tracked"/> (<see cref="Tracked"/>; the entries then count as saved) and <paramref name="untracked"/>
    /// (rows never given to EF, as a publish's ledger rows: <see cref="MeetingsDbContext.AddLedgerRows"/>), in the caller's transaction.
    /// </summary>
    public async Task WriteAsync(DbContext db, List<EntityEntry> tracked, IReadOnlyCollection<object> untracked, CancellationToken ct)
    {
        // The save detected the changes once and turned EF's automatic detection off (MeetingsDbContext.DetectOnce).
        foreach (var type in Types)
        {
            var rows = tracked.Where(e => e.Metadata.ClrType == type).Select(e => new Row(e.Entity, e))
                .Concat(untracked.Where(o => o.GetType() == type).Select(o => new Row(o, null))).ToList();
            if (rows.Count > 0)
            {
                await WriteRowsAsync(db, db.Model.FindEntityType(type)!, rows, ct);
            }
        }

        foreach (var entry in tracked)
        {
            MarkSaved(entry);
        }
    }

    private static async Task WriteRowsAsync(DbContext db, IEntityType type, List<Row> rows, CancellationToken ct)
    {
        var table = Table.Of(type);
        var perStatement = Math.Max(1, Math.Min(RowsPerStatement, (db.Database.IsSqlite() ? MaxSqliteParameters : MaxParameters) / table.Columns.Count));
        try
        {
            using var full = table.Prepare(db, perStatement);
            foreach (var chunk in rows.Chunk(perStatement))
            {
                if (chunk.Length == perStatement)
                {
                    await full.ExecuteAsync(chunk, ct);
                }
                else
                {
                    using var rest = table.Prepare(db, chunk.Length);
                    await rest.ExecuteAsync(chunk, ct);
                }
            }
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"Writing {rows.Count} rows of {table.Name} failed: {e.Message}", e);
        }
    }

    /// <summary>The entries are to be written again (the save failed after them, its transaction rolled back).</summary>
    public void Restore()
    {
        foreach (var entry in _written)
        {
            entry.State = EntityState.Added;
        }

        _written.Clear();
    }

    private void MarkSaved(EntityEntry entry)
    {
        entry.State = EntityState.Unchanged;
        _written.Add(entry);
        foreach (var owned in Owned(entry))
        {
            if (owned.State == EntityState.Added)
            {
                MarkSaved(owned);
            }
        }
    }

    /// <summary>The owned values stored in the entry's own row (table splitting, as <c>Recipient_Email</c>).</summary>
    private static IEnumerable<EntityEntry> Owned(EntityEntry entry) => entry.Metadata.GetNavigations()
        .Where(n => !n.IsCollection && n.TargetEntityType.IsOwned() && n.IsOnDependent is false)
        .Select(n => entry.Reference(n.Name).TargetEntry).OfType<EntityEntry>();

    /// <summary>A table's columns as the model maps them: each with the property (of the entity or an owned value) it holds.</summary>
    private sealed class Table(string name, string? schema, List<Column> columns)
    {
        public string Name { get; } = name;

        public string? Schema { get; } = schema;

        public List<Column> Columns { get; } = columns;

        public static Table Of(IEntityType type)
        {
            var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var columns = new List<Column>();
            Collect(type, [], store, columns);
            return new Table(type.GetTableName()!, type.GetSchema(), columns);
        }

        private static void Collect(IEntityType type, IReadOnlyList<INavigation> path, StoreObjectIdentifier store, List<Column> columns)
        {
            foreach (var property in type.GetProperties())
            {
                if (property.GetColumnName(store) is { } column && columns.TrueForAll(c => c.Name != column))
                {
                    columns.Add(new Column(column, path, property));
                }
            }

            foreach (var navigation in type.GetNavigations().Where(n => !n.IsCollection && n.TargetEntityType.IsOwned() && !n.IsOnDependent))
            {
                if (navigation.TargetEntityType.GetTableName() != store.Name)
                {
                    throw new InvalidOperationException($"{navigation.TargetEntityType.DisplayName()} is stored in a table of its own: not written in bulk.");
                }

                Collect(navigation.TargetEntityType, [.. path, navigation], store, columns);
            }
        }

        /// <summary>The multi-row INSERT of <paramref name="rows"/> rows: one command, run for each chunk of that many rows.</summary>
        public Statement Prepare(DbContext db, int rows) => new(db, this, rows);
    }

    /// <summary>
    /// One multi-row INSERT of a table, a parameter a value, on one command made once and run for every chunk of its size
    /// with that chunk's parameters. SQLite compiles the statement at its first run and keeps it on the command (a new
    /// command a chunk compiled it a chunk); PostgreSQL parses it each time, as EF's own commands. Not prepared explicitly:
    /// Npgsql's prepared command wrote the first chunk's rows again once the parameters were replaced (a unique violation
    /// in <c>SeveralInstancesTests</c>). Run through EF's command diagnostics as EF runs its own: interceptors and the
    /// command log see each execution, in the save's transaction.
    /// </summary>
    private sealed class Statement : IDisposable
    {
        private readonly DbContext _db;
        private readonly Table _table;
        private readonly DbCommand _command;
        private readonly IRelationalConnection _connection;
        private readonly IRelationalCommandDiagnosticsLogger _log;
        private readonly string[] _names;

        public Statement(DbContext db, Table table, int rows)
        {
            (_db, _table) = (db, table);
            var sql = db.GetService<ISqlGenerationHelper>();
            _connection = db.GetService<IRelationalConnection>();
            _log = db.GetService<IRelationalCommandDiagnosticsLogger>();
            _command = _connection.DbConnection.CreateCommand();
            _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            _command.CommandTimeout = db.Database.GetCommandTimeout() ?? _command.CommandTimeout;
            _names = new string[rows * table.Columns.Count];
            var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema))
                .Append(" (").AppendJoin(", ", table.Columns.Select(c => sql.DelimitIdentifier(c.Name))).Append(") VALUES ");
            for (var r = 0; r < rows; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var name = $"b{r}_{c}";
                    text.Append(c == 0 ? string.Empty : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                    _names[(r * table.Columns.Count) + c] = sql.GenerateParameterName(name);
                }

                text.Append(')');
            }

            _command.CommandText = text.ToString();
        }

        /// <summary>Writes <paramref name="rows"/> (as many as the statement was made for).</summary>
        public async Task ExecuteAsync(Row[] rows, CancellationToken ct)
        {
            _command.Parameters.Clear();
            var columns = _table.Columns;
            for (var r = 0; r < rows.Length; r++)
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    var (value, nullable) = columns[c].ValueOf(rows[r]);
                    _command.Parameters.Add(columns[c].Mapping.CreateParameter(_command, _names[(r * columns.Count) + c], value, nullable));
                }
            }

            var (id, started, clock) = (Guid.NewGuid(), DateTimeOffset.UtcNow, Stopwatch.StartNew());
            try
            {
                var intercepted = await _log.CommandNonQueryExecutingAsync(_connection, _command, _command.CommandText, _db, id, _connection.ConnectionId, started, CommandSource.ExecuteSqlRaw, ct);
                var written = intercepted.HasResult ? intercepted.Result : await _command.ExecuteNonQueryAsync(ct);
                await _log.CommandNonQueryExecutedAsync(_connection, _command, _command.CommandText, _db, id, _connection.ConnectionId, written, started, clock.Elapsed, CommandSource.ExecuteSqlRaw, ct);
            }
            catch (Exception e) when (e is DbException)
            {
                await _log.CommandErrorAsync(_connection, _command, _command.CommandText, _db, DbCommandMethod.ExecuteNonQuery, id, _connection.ConnectionId, e, started, clock.Elapsed, CommandSource.ExecuteSqlRaw, ct);
                throw;
            }
        }

        public void Dispose() => _command.Dispose();
    }

    /// <summary>A row to write: the entity, and its entry when EF tracks it (for a shadow property's value).</summary>
    private readonly record struct Row(object Entity, EntityEntry? Entry);

    /// <summary>One column: the property that holds it, reached from the row's entry through <c>Path</c> (owned values).</summary>
    private sealed record Column(string Name, IReadOnlyList<INavigation> Path, IProperty Property)
    {
        /// <summary>How EF writes the column's values (converter, parameter type).</summary>
        public RelationalTypeMapping Mapping { get; } = Property.GetRelationalTypeMapping();

        /// <summary>The row's value of the column (a null owned value: null), and whether the column may take null.</summary>
        public (object? Value, bool Nullable) ValueOf(Row row)
        {
            // From the objects themselves, not through EF's entries of the owned values (each such look-up runs a local
            // change detection: thousands of them cost more than the statement).
            var owner = row.Entity;
            foreach (var navigation in Path)
            {
                owner = owner is null ? null : navigation.GetGetter().GetClrValue(owner);
            }

            var value = owner is null ? null
                : Path.Count == 0 && Property.IsShadowProperty() ? ShadowValue(row)
                : Property.GetGetter().GetClrValue(owner);
            if (owner is not null && Property.GetDefaultValue() is { } fallback && IsClrDefault(value))
            {
                value = fallback; // EF leaves such a column out and the database's default applies: the same value
            }

            return (value, Property.IsNullable || owner is null);
        }

        private object? ShadowValue(Row row) => row.Entry is { } entry ? entry.Property(Property.Name).CurrentValue
            : throw new InvalidOperationException($"{Property.DeclaringType.DisplayName()}.{Property.Name} has no value outside EF's change tracker: add such rows to the context instead.");

        private bool IsClrDefault(object? value) =>
            value is null || (Property.ClrType.IsValueType && value.Equals(Activator.CreateInstance(Property.ClrType)));
    }
}
