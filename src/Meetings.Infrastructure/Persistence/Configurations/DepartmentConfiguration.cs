using Meetings.Domain.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

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
