using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class CityConfiguration : IEntityTypeConfiguration<City>
{
    public void Configure(EntityTypeBuilder<City> b)
    {
        b.ToTable("Cities");
        b.HasKey(c => c.Id);
        b.Property(c => c.Name).HasMaxLength(City.NameMaxLength).IsRequired();
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.Property(c => c.ContactEmail).HasMaxLength(EmailAddress.MaxLength).IsRequired();
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => c.Name).IsUnique();
    }
}
