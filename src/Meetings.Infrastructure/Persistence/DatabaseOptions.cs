namespace Meetings.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The <c>Database</c> configuration section and the connection string it uses.</summary>
public sealed class DatabaseOptions
{
    public const string DefaultSqliteConnectionString = "Data Source=meetings.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
