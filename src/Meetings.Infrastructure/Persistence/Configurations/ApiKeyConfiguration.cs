using Meetings.Domain.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("ApiKeys");
        b.HasKey(k => k.Id);
        b.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength).IsRequired();
        b.Property(k => k.Role).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.Property(k => k.Hash).HasMaxLength(ApiKey.HashLength).IsRequired();
        b.HasIndex(k => k.Hash).IsUnique();
        b.Property(k => k.Hint).HasMaxLength(ApiKey.HintMaxLength).IsRequired();
        b.Ignore(k => k.IsRevoked);
        b.HasOne<Department>().WithMany().HasForeignKey(k => k.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<City>().WithMany().HasForeignKey(k => k.CityId).OnDelete(DeleteBehavior.Restrict);
    }
}
