using Meetings.Infrastructure.Audit;
using Meetings.Infrastructure.DataProtection;
using Meetings.Infrastructure.Hosting;
using Meetings.Infrastructure.Idempotency;
using Meetings.Infrastructure.Jobs;
using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Mail.Composition;
using Meetings.Infrastructure.Mail.Dispatch;
using Meetings.Infrastructure.Mail.Planning;
using Meetings.Infrastructure.Mail.Transport;
using Meetings.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Meetings.Infrastructure;

public static class DependencyInjection
{
    /// <summary>The adapters and machinery: the database (SQLite or PostgreSQL), the group commit (answers use it), idempotency, mail and jobs.</summary>
    public static IServiceCollection AddMeetingsInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StartupSequence>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupSequence>()); // port, then database, then the work on it
        services.AddPersistence();
        services.AddSingleton<GroupCommit>();
        services.StartAfterDatabase(s => s.AddHostedService(sp => sp.GetRequiredService<GroupCommit>()));
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<AllowedRecipientsSource>();
        services.AddSingleton<MeetingReadCache>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<MeetingReadCache>());
        // Data protection (the answer page's antiforgery tokens) with its keys in the database: shared by every instance.
        services.AddDataProtection().SetApplicationName("Meetings");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseKeyRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        services.AddOptions<MailOptions>().BindChecked("Mail")
            .PostConfigure<IConfiguration>((mail, config) => mail.AllowedDomains = config["Mail:AllowedDomains"] is { Length: > 0 } one ? [one] : mail.AllowedDomains)
            .CheckedBy<MailOptions, MailOptionsCheck>();
        services.AddSingleton<IPostConfigureOptions<MailOptions>, LinkBaseFromServer>();
        services.AddSingleton<IMailTransport, MailTransport>();
        services.AddSingleton<LetterRenderer>();
        services.AddSingleton<MailComposer>();
        services.AddSingleton<Feedback.FeedbackPseudonyms>();
        services.AddOptions<Feedback.FeedbackOptions>().BindChecked("Feedback").CheckedBy<Feedback.FeedbackOptions, Feedback.FeedbackOptionsCheck>();
        services.AddScoped<MailDispatcher>();
        services.AddSingleton<IInterceptor, WakeDispatcherOnCommit>();
        services.AddSingleton<MailMetrics>();
        services.AddScoped<CadenceAlerts>();
        services.AddSingleton<Mail.Inbox.InboxLock>();
        services.AddScoped<Mail.Inbox.InboxMessageHandler>();
        services.StartAfterDatabase(s => s.AddHostedService<Mail.Inbox.InboxReader>()); // reads only when Mail:Inbox:Host is set
        services.AddOptions<TasksOptions>().BindChecked("Tasks").CheckedBy<TasksOptions, TasksOptionsCheck>();
        services.AddOptions<AuditOptions>().BindChecked("Audit").CheckedBy<AuditOptions, AuditOptionsCheck>();
        services.AddScoped<AuditRetention>();
        services.AddOptions<Documents.DocumentsOptions>().BindChecked("Documents").CheckedBy<Documents.DocumentsOptions, Documents.DocumentsOptionsCheck>();
        services.AddScoped<Documents.DocumentBlobs>();
        services.AddScoped<Documents.IDocumentContent, Documents.DocumentContent>();
        services.AddMeetingsJobs(configuration);
        return services;
    }

    private static void AddPersistence(this IServiceCollection services)
    {
        // Checked when the service starts, before anything is started (DatabaseOptionsCheck); read when first needed.
        services.AddOptions<DatabaseOptions>().BindChecked("Database").CheckedBy<DatabaseOptions, DatabaseOptionsCheck>();
        services.AddOptions<Seed.SeedOptions>().BindChecked("Seed").ValidateOnStart();
        services.AddSingleton(sp => DatabaseSettings.From(sp.GetRequiredService<IConfiguration>()));

        // Both flavours are registered as pools; only the configured one is ever built. Handlers only
        // see MeetingsDbContext. EF interceptors registered as services (singletons) join every context.
        services.AddDbContextPool<SqliteMeetingsDbContext>((sp, options) =>
        {
            // Foreign keys: EF Core switches them on for every SQLite connection. Busy locks (another process on
            // the same file): Microsoft.Data.Sqlite retries until the command timeout ("Default Timeout", 30 s).
            // Writers of this process queue in SqliteMeetingsDbContext instead of spinning on the lock.
            var settings = sp.GetRequiredService<DatabaseSettings>();
            options.UseSqlite(settings.ConnectionString, sqlite => sqlite.MigrationsHistoryTable("__EFMigrationsHistory"))
                .AddInterceptors(sp.GetServices<IInterceptor>());
        });
        services.AddDbContextPool<PostgresMeetingsDbContext>((sp, options) =>
        {
            // No retrying execution strategy: while the server is away a request fails at once (503) instead of
            // waiting through retries; the client retries. Timeouts: DatabaseSettings.PostgresDefaults.
            var settings = sp.GetRequiredService<DatabaseSettings>();
            // After a server restart the pool's idle connections are dead: the first request that meets one
            // fails (503) and Npgsql then discards the others, so the next requests open fresh connections
            // (DatabaseRestartTests shows it).
            options.UseNpgsql(settings.ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory"))
                .AddInterceptors(sp.GetServices<IInterceptor>());
        });
        services.AddScoped<MeetingsDbContext>(sp =>
        {
            MeetingsDbContext db = sp.GetRequiredService<DatabaseSettings>().Provider switch
            {
                DatabaseProvider.Postgres => sp.GetRequiredService<PostgresMeetingsDbContext>(),
                _ => sp.GetRequiredService<SqliteMeetingsDbContext>(),
            };
            db.Audit.Clock = sp.GetRequiredService<TimeProvider>();
            return db;
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"], timeout: TimeSpan.FromSeconds(3));
    }
}
