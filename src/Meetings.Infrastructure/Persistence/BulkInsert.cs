using System.Data.Common;
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
/// defaults), through EF's command pipeline (interceptors and logging see them). Afterwards the entries count as saved
/// (<see cref="EntityState.Unchanged"/>) and EF writes the rest of the save; should that fail, they are
/// <see cref="EntityState.Added"/> again (<see cref="Restore"/>). The unique keys are the database's, as before: a duplicate
/// ledger key fails the statement, hence the save (a <see cref="DbUpdateException"/>, as from EF).
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
    /// Whether the save has enough added rows of the types to be worth it — and nothing they would refer to is added in
    /// the same save (a new meeting or department is written by EF, after these rows: its foreign key would fail).
    /// </summary>
    public static bool Applies(DbContext db)
    {
        var added = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList();
        return added.Any(e => e.Entity is Meeting or Department) is false
            && Types.Any(t => added.Count(e => e.Metadata.ClrType == t) >= Threshold);
    }

    /// <summary>Writes the added rows of the types (in the caller's transaction); the entries count as saved.</summary>
    public async Task WriteAsync(DbContext db, CancellationToken ct)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false; // the save detected the changes already; nothing changes here
        try
        {
            await WriteAllAsync(db, ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private async Task WriteAllAsync(DbContext db, CancellationToken ct)
    {
        foreach (var type in Types)
        {
            var entries = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Metadata.ClrType == type).ToList();
            if (entries.Count < Threshold)
            {
                continue;
            }

            var table = Table.Of(entries[0].Metadata);
            var perStatement = Math.Max(1, Math.Min(RowsPerStatement, (db.Database.IsSqlite() ? MaxSqliteParameters : MaxParameters) / table.Columns.Count));
            try
            {
                foreach (var chunk in entries.Chunk(perStatement))
                {
                    await table.InsertAsync(db, chunk, ct);
                }
            }
            catch (DbException e)
            {
                throw new DbUpdateException($"Writing {entries.Count} rows of {table.Name} failed: {e.Message}", e);
            }

            foreach (var entry in entries)
            {
                MarkSaved(entry);
            }
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
    private sealed class Table(string name, List<Column> columns)
    {
        public string Name { get; } = name;

        public List<Column> Columns { get; } = columns;

        public static Table Of(IEntityType type)
        {
            var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var columns = new List<Column>();
            Collect(type, [], store, columns);
            return new Table(type.GetSchemaQualifiedTableName()!, columns);
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

        /// <summary>One multi-row INSERT of <paramref name="rows"/>, a parameter a value.</summary>
        public async Task InsertAsync(DbContext db, EntityEntry[] rows, CancellationToken ct)
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            using var factory = db.Database.GetDbConnection().CreateCommand(); // only makes the parameters; EF runs the statement
            var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(rows[0].Metadata.GetTableName()!, rows[0].Metadata.GetSchema()))
                .Append(" (").AppendJoin(", ", Columns.Select(c => sql.DelimitIdentifier(c.Name))).Append(") VALUES ");
            var parameters = new List<DbParameter>(rows.Length * Columns.Count);
            for (var r = 0; r < rows.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < Columns.Count; c++)
                {
                    var (value, nullable) = Columns[c].ValueOf(rows[r]);
                    var name = $"b{r}_{c}";
                    text.Append(c == 0 ? string.Empty : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                    parameters.Add(Columns[c].Property.GetRelationalTypeMapping().CreateParameter(factory, sql.GenerateParameterName(name), value, nullable));
                }

                text.Append(')');
            }

            // EF's command pipeline, as ExecuteSqlRaw uses it (interceptors, logging, the save's transaction).
            var command = db.GetService<IRelationalCommandBuilderFactory>().Create().Append(text.ToString());
            foreach (var parameter in parameters)
            {
                command.AddRawParameter(parameter.ParameterName, parameter);
            }

            await command.Build().ExecuteNonQueryAsync(new RelationalCommandParameterObject(
                db.GetService<IRelationalConnection>(), null, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.ExecuteSqlRaw), ct);
        }
    }

    /// <summary>One column: the property that holds it, reached from the row's entry through <c>Path</c> (owned values).</summary>
    private sealed record Column(string Name, IReadOnlyList<INavigation> Path, IProperty Property)
    {
        /// <summary>The row's value of the column (a null owned value: null), and whether the column may take null.</summary>
        public (object? Value, bool Nullable) ValueOf(EntityEntry row)
        {
            // From the objects themselves, not through EF's entries of the owned values (each such look-up runs a local
            // change detection: thousands of them cost more than the statement).
            var owner = row.Entity;
            foreach (var navigation in Path)
            {
                owner = owner is null ? null : navigation.GetGetter().GetClrValue(owner);
            }

            var value = owner is null ? null
                : Path.Count == 0 && Property.IsShadowProperty() ? row.Property(Property.Name).CurrentValue
                : Property.GetGetter().GetClrValue(owner);
            if (owner is not null && Property.GetDefaultValue() is { } fallback && IsClrDefault(value))
            {
                value = fallback; // EF leaves such a column out and the database's default applies: the same value
            }

            return (value, Property.IsNullable || owner is null);
        }

        private bool IsClrDefault(object? value) =>
            value is null || (Property.ClrType.IsValueType && value.Equals(Activator.CreateInstance(Property.ClrType)));
    }
}
