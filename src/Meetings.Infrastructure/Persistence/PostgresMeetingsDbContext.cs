using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Meetings.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL flavour (Npgsql), for several instances on one database. Instants are <c>timestamptz</c>
/// in UTC (Npgsql refuses other offsets, so they are converted on the way in); text columns compare
/// and sort byte-wise (collation <c>C</c>), exactly as SQLite's default does, whatever locale the
/// database was created with. Writers are not queued: PostgreSQL takes concurrent writers itself.
/// </summary>
public sealed class PostgresMeetingsDbContext(DbContextOptions<PostgresMeetingsDbContext> options) : MeetingsDbContext(options)
{
    /// <summary>Byte order, as SQLite's BINARY collation: the same lists in the same order on both providers.</summary>
    public const string Collation = "C";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Every column stored as text (strings and enums kept as their names), also in owned types.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetDeclaredProperties()))
        {
            if ((property.GetProviderClrType() ?? property.GetValueConverter()?.ProviderClrType ?? property.ClrType) == typeof(string))
            {
                property.SetCollation(Collation);
            }
        }
    }

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(),
        v => v.ToUniversalTime());
}
