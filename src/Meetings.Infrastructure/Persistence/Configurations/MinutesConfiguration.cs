using Meetings.Domain.Meetings;
using Meetings.Domain.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class MinutesConfiguration : IEntityTypeConfiguration<Minutes>
{
    public void Configure(EntityTypeBuilder<Minutes> b)
    {
        b.ToTable("Minutes");
        b.HasKey(m => m.Id);
        b.HasOne<Meeting>().WithMany().HasForeignKey(m => m.MeetingId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.MeetingId).IsUnique(); // one set of minutes per meeting
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.OwnsOne(m => m.Keeper, PersonColumns.Map);
        b.Property(m => m.ReopenReason).HasMaxLength(Minutes.ReasonMaxLength);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.Ignore(m => m.DomainEvents);
        // The entries are part of the minutes (an owned collection): a change of an entry is a change of the minutes.
        b.OwnsMany(m => m.Entries, e =>
        {
            e.ToTable("MinutesEntries");
            e.WithOwner().HasForeignKey("MinutesId");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
            e.Property(x => x.Text).HasMaxLength(MinutesEntry.TextMaxLength).IsRequired();
        });
        b.Navigation(m => m.Entries).HasField("_entries").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
