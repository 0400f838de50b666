using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Meetings.Infrastructure;

public static class DependencyInjection
{
    /// <summary>The adapters to the outside world: the database (and later mail and jobs).</summary>
    public static IServiceCollection AddMeetingsInfrastructure(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DatabaseOptions>().BindConfiguration("Database");

        services.AddDbContext<MeetingsDbContext, SqliteMeetingsDbContext>((sp, options) =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            var provider = config.GetValue("Database:Provider", DatabaseProvider.Sqlite);
            if (provider != DatabaseProvider.Sqlite)
            {
                throw new InvalidOperationException($"Database:Provider '{provider}' is not available in this build; use 'Sqlite'.");
            }

            var connectionString = config.GetConnectionString("Meetings") ?? DatabaseOptions.DefaultSqliteConnectionString;
            options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__EFMigrationsHistory"))
                .AddInterceptors(new SqlitePragmas());
        });
        return services;
    }
}
