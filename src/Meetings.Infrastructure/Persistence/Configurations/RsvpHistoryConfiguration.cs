using Meetings.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class RsvpHistoryConfiguration : IEntityTypeConfiguration<RsvpHistoryEntry>
{
    public void Configure(EntityTypeBuilder<RsvpHistoryEntry> h)
    {
        h.ToTable("InvitationHistory");
        h.HasKey(x => x.Id);
        h.Property(x => x.Id).ValueGeneratedOnAdd();
        h.Property(x => x.Status).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        h.Property(x => x.Via).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        h.Property(x => x.Actor).HasMaxLength(RsvpHistoryEntry.ActorMaxLength).IsRequired();
        h.Property(x => x.Note).HasMaxLength(RsvpHistoryEntry.NoteMaxLength);
        // An invitation's entries in order: its latest are read by this index alone, however long the table (InvitationHistoryQueries).
        h.HasIndex("InvitationId", nameof(RsvpHistoryEntry.Id));
    }
}
