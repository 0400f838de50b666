namespace Meetings.Api.Tests.Infrastructure;

/// <summary>
/// Where a test service keeps its data. The same tests run on both providers: this project on a SQLite
/// file in a temporary folder, Meetings.Api.Tests.Postgres (compiled with <c>POSTGRES</c>) on a fresh
/// database of the PostgreSQL server that the test run started (docs/adr/0005).
/// </summary>
public abstract class TestDatabase : IDisposable
{
    /// <summary>The value for <c>Database:Provider</c>.</summary>
    public abstract string Provider { get; }

    /// <summary>The value for <c>ConnectionStrings:Meetings</c>.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>A new, empty database of this test project's provider; the service migrates it at start.</summary>
    public static TestDatabase CreateNew() =>
#if POSTGRES
        PostgresTestDatabase.Create();
#else
        new SqliteTestDatabase();
#endif

    /// <summary>Lets go of pooled connections that a stopped service left behind.</summary>
    public abstract void ReleaseConnections();

    /// <summary>Counts with SQL of its own, past the service (e.g. what a killed process left behind).</summary>
    public abstract long Count(string sql);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Deletes the database.</summary>
    protected abstract void Dispose(bool disposing);
}

/// <summary>A SQLite file in a folder of its own under the temporary folder.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "meetings-tests", "db-" + Guid.NewGuid().ToString("N"));

    public SqliteTestDatabase()
    {
        System.IO.Directory.CreateDirectory(_folder);
        Path = System.IO.Path.Combine(_folder, "meetings.db");
    }

    public string Path { get; }

    public override string Provider => "Sqlite";

    public override string ConnectionString => $"Data Source={Path}";

    public override void ReleaseConnections() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

    public override long Count(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override void Dispose(bool disposing)
    {
        ReleaseConnections();
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open by the OS; the temp folder is cleaned eventually.
        }
    }
}
