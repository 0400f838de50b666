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
        services.AddOptions<Mail.MailOptions>().BindConfiguration("Mail");
        services.AddSingleton<Mail.IMailTransport, Mail.MailTransport>();

        services.AddDbContextPool<MeetingsDbContext, SqliteMeetingsDbContext>((sp, options) =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            var provider = config.GetValue("Database:Provider", DatabaseProvider.Sqlite);
            if (provider != DatabaseProvider.Sqlite)
            {
                throw new InvalidOperationException($"Database:Provider '{provider}' is not available in this build; use 'Sqlite'.");
            }

            var connectionString = config.GetConnectionString("Meetings") ?? DatabaseOptions.DefaultSqliteConnectionString;
            // Foreign keys: EF Core switches them on for every SQLite connection. Busy locks (another process on
            // the same file): Microsoft.Data.Sqlite retries until the command timeout ("Default Timeout", 30 s).
            // Writers of this process queue in SqliteMeetingsDbContext instead of spinning on the lock.
            options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__EFMigrationsHistory"));
        });
        return services;
    }
}
