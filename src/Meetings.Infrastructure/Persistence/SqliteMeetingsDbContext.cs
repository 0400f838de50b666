using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Meetings.Infrastructure.Persistence;

/// <summary>
/// SQLite flavour. SQLite cannot compare or order <see cref="DateTimeOffset"/> in SQL, so instants are
/// stored as UTC ticks (INTEGER); the meeting's IANA time zone is kept in its own column.
/// </summary>
public sealed class SqliteMeetingsDbContext(DbContextOptions<SqliteMeetingsDbContext> options) : MeetingsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
