using Microsoft.EntityFrameworkCore;

namespace Meetings.Bench;

/// <summary>
/// The baselines: the least an ASP.NET Core + EF Core + SQLite service can do. RSVP: load one row by key, change it,
/// save it (with a concurrency token, WAL and a busy timeout like the service). Reads: one row by key, untracked, as
/// JSON. No auth, no rules, no history.
/// </summary>
internal static class BareServer
{
    public static async Task RunAsync(int port, string databasePath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddDbContext<BareDb>(o => o.UseSqlite($"Data Source={databasePath};Default Timeout=10"));
        var app = builder.Build();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BareDb>();
            await db.Database.EnsureCreatedAsync(); // a throw-away benchmark database
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
            if (!await db.Rows.AnyAsync())
            {
                db.Rows.AddRange(Enumerable.Range(1, 1000).Select(i => new Row { Id = i, Status = "pending" }));
                await db.SaveChangesAsync();
            }
        }

        app.MapGet("/ready", () => Results.Ok());
        app.MapGet("/rows/{id:int}", async (int id, BareDb db) =>
            await db.Rows.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id) is { } row ? Results.Ok(row) : Results.NotFound());
        app.MapPut("/rows/{id:int}", async (int id, Answer answer, BareDb db) =>
        {
            var row = await db.Rows.SingleOrDefaultAsync(r => r.Id == id);
            if (row is null)
            {
                return Results.NotFound();
            }

            row.Status = answer.Status;
            row.Version++;
            await db.SaveChangesAsync();
            return Results.Ok(row);
        });
        await app.RunAsync();
    }

    internal sealed record Answer(string Status);

    internal sealed class Row
    {
        public int Id { get; set; }
        public string Status { get; set; } = "";
        public int Version { get; set; }
    }

    internal sealed class BareDb(DbContextOptions<BareDb> options) : DbContext(options)
    {
        public DbSet<Row> Rows => Set<Row>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Row>().Property(r => r.Id).ValueGeneratedNever();
            modelBuilder.Entity<Row>().Property(r => r.Version).IsConcurrencyToken();
        }
    }
}
