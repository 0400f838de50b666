using Meetings.Infrastructure.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("IdempotencyRecords");
        b.HasKey(r => r.Id);
        b.Property(r => r.Scope).HasMaxLength(IdempotencyRecord.ScopeMaxLength).IsRequired();
        b.Property(r => r.Key).HasMaxLength(IdempotencyRecord.KeyMaxLength).IsRequired();
        b.Property(r => r.RequestHash).HasMaxLength(IdempotencyRecord.HashLength).IsRequired();
        b.Property(r => r.ContentType).HasMaxLength(IdempotencyRecord.ContentTypeMaxLength);
        b.Property(r => r.Headers).HasMaxLength(IdempotencyRecord.HeadersMaxLength);
        b.HasIndex(r => new { r.Scope, r.Key }).IsUnique();
        b.HasIndex(r => r.CreatedAt);
    }
}
