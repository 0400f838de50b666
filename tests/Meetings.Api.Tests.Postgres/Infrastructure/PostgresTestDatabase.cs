using Meetings.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>A fresh database on a test PostgreSQL server (by default the run's shared one), dropped afterwards.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly PostgresServer _server;
    private readonly string _name;

    private PostgresTestDatabase(PostgresServer server, string name)
    {
        _server = server;
        _name = name;
    }

    public override string Provider => "Postgres";

    public override string ConnectionString => _server.ConnectionString(_name);

    public static PostgresTestDatabase Create() =>
        Create(PostgresServer.Shared ?? throw new InvalidOperationException("No PostgreSQL server for the tests: " + PostgresServer.UnavailableReason));

    public static PostgresTestDatabase Create(PostgresServer server)
    {
        var name = "meetings_" + Guid.NewGuid().ToString("N");
        server.CreateDatabase(name);
        return new PostgresTestDatabase(server, name);
    }

    /// <summary>Closes the idle connections of the service's pool (its connection string carries the service's defaults).</summary>
    public override void ReleaseConnections()
    {
        var settings = DatabaseSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider,
            ["ConnectionStrings:Meetings"] = ConnectionString,
        }).Build());
        using var connection = new NpgsqlConnection(settings.ConnectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    public override long Count(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override void Dispose(bool disposing)
    {
        ReleaseConnections();
        try
        {
            _server.DropDatabase(_name);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // the server is stopped or gone: its folder goes with it
        }
    }
}
