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
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.ContactEmail).HasMaxLength(EmailAddress.MaxLength).IsRequired();
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => c.Name).IsUnique();
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.ToTable("Departments");
        b.HasKey(d => d.Id);
        b.Property(d => d.Code).HasMaxLength(Department.CodeMaxLength).IsRequired();
        b.HasIndex(d => d.Code).IsUnique();
        b.Property(d => d.Name).HasMaxLength(Department.NameMaxLength).IsRequired();
        b.OwnsOne(d => d.Head, PersonColumns.Map);
        b.Navigation(d => d.Head).IsRequired();
        b.OwnsOne(d => d.Deputy, PersonColumns.Map);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasIndex(d => d.Active);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("ApiKeys");
        b.HasKey(k => k.Id);
        b.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength).IsRequired();
        b.Property(k => k.Role).HasConversion<string>().HasMaxLength(16);
        b.Property(k => k.Hash).HasMaxLength(64).IsRequired();
        b.HasIndex(k => k.Hash).IsUnique();
        b.Property(k => k.Hint).HasMaxLength(16).IsRequired();
        b.Ignore(k => k.IsRevoked);
        b.HasOne<Department>().WithMany().HasForeignKey(k => k.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<City>().WithMany().HasForeignKey(k => k.CityId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>How a <see cref="Person"/> value is stored inside its owner's row.</summary>
internal static class PersonColumns
{
    public static void Map<TOwner>(OwnedNavigationBuilder<TOwner, Person> p) where TOwner : class
    {
        p.Property(x => x.Name).HasMaxLength(Person.NameMaxLength).IsRequired();
        p.Property(x => x.Email).HasMaxLength(EmailAddress.MaxLength).IsRequired();
        p.Property(x => x.Title).HasMaxLength(Person.TitleMaxLength);
    }
}
