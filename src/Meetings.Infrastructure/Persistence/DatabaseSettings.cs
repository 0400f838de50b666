using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Meetings.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// <c>Database:Provider</c> and <c>ConnectionStrings:Meetings</c>, read and checked once at start: an
/// unknown provider or a connection string of the wrong kind stops the service with a clear message.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqliteConnectionString = "Data Source=meetings.db";

    /// <summary>
    /// What the service sets on a PostgreSQL connection string unless it names them itself: connect within
    /// 5 s, give up on a command after 15 s (a stopped or unreachable server is then a quick 503, never a
    /// hang), and show up as "Meetings" in <c>pg_stat_activity</c>.
    /// </summary>
    public const string PostgresDefaults = "Timeout=5;Command Timeout=15;Application Name=Meetings";

    public static DatabaseSettings From(IConfiguration config)
    {
        var name = config["Database:Provider"]?.Trim();
        var provider = name switch
        {
            null or "" => DatabaseProvider.Sqlite,
            _ when string.Equals(name, nameof(DatabaseProvider.Sqlite), StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
            _ when string.Equals(name, nameof(DatabaseProvider.Postgres), StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException(Hosting.SettingChecks.Wrong("Database:Provider",
                "'Sqlite' (one instance, a file) or 'Postgres' (several instances, one PostgreSQL database), in any case", name)),
        };

        var configured = config.GetConnectionString("Meetings");
        return provider switch
        {
            DatabaseProvider.Postgres => new(provider, PostgresConnectionString(configured)),
            _ => new(provider, string.IsNullOrWhiteSpace(configured) ? DefaultSqliteConnectionString : configured),
        };
    }

    /// <summary>The operator's string over <see cref="PostgresDefaults"/>: what it names wins.</summary>
    private static string PostgresConnectionString(string? configured)
    {
        // The connection string is never shown: it may hold a password.
        const string MustBe = "a PostgreSQL connection string with a Host, such as Host=db.example;Database=meetings;Username=meetings;Password=… (Database:Provider is Postgres)";
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(Hosting.SettingChecks.Wrong("ConnectionStrings:Meetings", MustBe + "; it is empty"));
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(PostgresDefaults + ";" + configured);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(Hosting.SettingChecks.Wrong("ConnectionStrings:Meetings", MustBe), e);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new InvalidOperationException(Hosting.SettingChecks.Wrong("ConnectionStrings:Meetings", MustBe + "; it names no host"));
        }

        return builder.ConnectionString;
    }
}
