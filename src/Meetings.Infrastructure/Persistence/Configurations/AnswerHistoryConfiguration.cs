using Meetings.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class AnswerHistoryConfiguration : IEntityTypeConfiguration<AnswerHistoryEntry>
{
    public void Configure(EntityTypeBuilder<AnswerHistoryEntry> h)
    {
        h.ToTable("InvitationHistory");
        h.HasKey(x => x.Id);
        h.Property(x => x.Id).ValueGeneratedOnAdd();
        h.Property(x => x.Status).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        h.Property(x => x.Via).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        h.Property(x => x.Actor).HasMaxLength(AnswerHistoryEntry.ActorMaxLength).IsRequired();
        h.Property(x => x.Note).HasMaxLength(AnswerHistoryEntry.NoteMaxLength);
        // An invitation's entries in order: its latest are read by this index alone, however long the table (InvitationHistoryQueries).
        h.HasIndex("InvitationId", nameof(AnswerHistoryEntry.Id));
    }
}
