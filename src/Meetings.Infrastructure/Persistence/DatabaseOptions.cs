using Meetings.Infrastructure.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Meetings.Infrastructure.Persistence;

/// <summary>The <c>Database</c> section; with the connection strings it makes <see cref="DatabaseSettings"/>.</summary>
public sealed class DatabaseOptions
{
    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>, in any case.</summary>
    public string? Provider { get; set; }
}

/// <summary>
/// <c>Database:Provider</c>, <c>ConnectionStrings:Meetings</c> and <c>ConnectionStrings:Hangfire</c>, checked at start
/// (<see cref="SettingChecks"/>) as <see cref="DatabaseSettings.From"/> reads them, before anything opens a connection.
/// The connection strings are never shown: they may hold a password.
/// </summary>
internal sealed class DatabaseOptionsCheck(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        DatabaseSettings settings;
        try
        {
            settings = DatabaseSettings.From(configuration);
        }
        catch (InvalidOperationException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }

        if (settings.Provider == DatabaseProvider.Sqlite && !Parses(() => new SqliteConnectionStringBuilder(settings.ConnectionString)))
        {
            return ValidateOptionsResult.Fail(SettingChecks.Wrong("ConnectionStrings:Meetings", "a SQLite connection string such as Data Source=meetings.db"));
        }

        if (settings.Provider == DatabaseProvider.Postgres && configuration.GetConnectionString("Hangfire") is { Length: > 0 } hangfire
            && !Parses(() => new NpgsqlConnectionStringBuilder(hangfire) is { Host.Length: > 0 }))
        {
            return ValidateOptionsResult.Fail(SettingChecks.Wrong("ConnectionStrings:Hangfire",
                "a PostgreSQL connection string with a Host such as Host=db.example;Database=meetings;Username=meetings;Password=… (or unset: the Meetings one)"));
        }

        return ValidateOptionsResult.Success;
    }

    private static bool Parses(Func<object> read)
    {
        try
        {
            return read() is not false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
