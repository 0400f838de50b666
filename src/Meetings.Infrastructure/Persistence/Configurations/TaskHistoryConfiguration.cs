using Meetings.Domain.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class TaskHistoryConfiguration : IEntityTypeConfiguration<TaskHistoryEntry>
{
    public void Configure(EntityTypeBuilder<TaskHistoryEntry> h)
    {
        h.ToTable("TaskHistory");
        h.HasKey(x => x.Id);
        h.Property(x => x.Id).ValueGeneratedOnAdd();
        h.Property(x => x.Status).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        h.Property(x => x.Via).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        h.Property(x => x.Actor).HasMaxLength(TaskHistoryEntry.ActorMaxLength).IsRequired();
        h.Property(x => x.Note).HasMaxLength(TaskHistoryEntry.NoteMaxLength);
        h.HasIndex("TaskId");
    }
}
