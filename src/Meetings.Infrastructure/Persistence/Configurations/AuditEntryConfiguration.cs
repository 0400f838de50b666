using Meetings.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditLog");
        b.HasKey(e => e.Id);
        b.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.Property(e => e.ActorName).HasMaxLength(AuditEntry.NameMaxLength).IsRequired();
        b.Property(e => e.ActorSubject).HasMaxLength(AuditEntry.SubjectMaxLength);
        b.Property(e => e.ActorEmail).HasMaxLength(AuditEntry.EmailMaxLength);
        b.Property(e => e.Operation).HasMaxLength(AuditEntry.OperationMaxLength).IsRequired();
        b.Property(e => e.Change).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.Property(e => e.ResourceType).HasMaxLength(AuditEntry.ResourceTypeMaxLength).IsRequired();
        // The list's filters, each with the order it is read in (newest first); At alone for the retention job.
        b.HasIndex(e => new { e.ResourceType, e.ResourceId, e.At });
        b.HasIndex(e => new { e.KeyId, e.At });
        b.HasIndex(e => e.At);
    }
}
