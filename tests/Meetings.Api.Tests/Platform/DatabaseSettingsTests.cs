using Meetings.Api.Tests.Infrastructure;
using Meetings.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Meetings.Api.Tests.Platform;

/// <summary><c>Database:Provider</c> and <c>ConnectionStrings:Meetings</c> as an operator writes them.</summary>
public sealed class DatabaseSettingsTests
{
    private static DatabaseSettings Read(string? provider, string? connectionString) =>
        DatabaseSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Meetings"] = connectionString,
        }).Build());

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("sqlite", DatabaseProvider.Sqlite)]
    [InlineData("Postgres", DatabaseProvider.Postgres)]
    [InlineData(" POSTGRES ", DatabaseProvider.Postgres)]
    public void The_provider_is_named_in_any_case(string? name, DatabaseProvider expected)
    {
        var settings = Read(name, expected == DatabaseProvider.Postgres ? "Host=db.example;Database=meetings" : null);

        Assert.Equal(expected, settings.Provider);
    }

    [Theory]
    [InlineData("SqlServer")]
    [InlineData("1")]
    [InlineData("Sqlite,Postgres")]
    public void Another_provider_stops_the_start_with_a_message_naming_both(string name)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Read(name, null));

        Assert.Contains($"'{name}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Sqlite'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Postgres'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Data Source=meetings.db")]
    [InlineData("Database=meetings")]
    public void Postgres_without_a_postgres_connection_string_stops_the_start_with_an_example(string? connectionString)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Read("Postgres", connectionString));

        Assert.Contains("ConnectionStrings:Meetings", e.Message, StringComparison.Ordinal);
        Assert.Contains("Host=", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_service_sets_timeouts_on_postgres_unless_the_operator_does()
    {
        var defaults = new Npgsql.NpgsqlConnectionStringBuilder(Read("Postgres", "Host=db.example;Database=meetings").ConnectionString);
        var own = new Npgsql.NpgsqlConnectionStringBuilder(Read("Postgres", "Host=db.example;Database=meetings;Timeout=30;CommandTimeout=120").ConnectionString);

        Assert.Equal((5, 15, "Meetings"), (defaults.Timeout, defaults.CommandTimeout, defaults.ApplicationName));
        Assert.Equal((30, 120), (own.Timeout, own.CommandTimeout));
    }

    [Fact]
    public void A_service_configured_with_an_unknown_provider_does_not_start()
    {
        using var app = new UnknownProviderApp();

        Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(app.Errors.All, e => e.Contains("The service cannot start: Database:Provider (Database__Provider) must be 'Sqlite'", StringComparison.Ordinal)
            && e.Contains("it is 'Oracle'", StringComparison.Ordinal));
    }

    private sealed class UnknownProviderApp : MeetingsApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:Provider", "Oracle");
        }
    }
}
