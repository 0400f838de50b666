using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class SeriesConfiguration : IEntityTypeConfiguration<Series>
{
    public void Configure(EntityTypeBuilder<Series> b)
    {
        b.ToTable("Series");
        b.HasKey(s => s.Id);
        b.Property(s => s.Name).HasMaxLength(Series.NameMaxLength).IsRequired();
        b.HasOne<City>().WithMany().HasForeignKey(s => s.HostCityId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(s => s.Hosts, h =>
        {
            h.ToTable("SeriesHosts");
            h.WithOwner().HasForeignKey("SeriesId");
            h.Property<int>("Id");
            h.HasKey("Id");
            PersonColumns.Map(h);
        });
        b.Navigation(s => s.Hosts).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Property(s => s.OrganizerEmail).HasMaxLength(EmailAddress.MaxLength).IsRequired();
        b.OwnsOne(s => s.DefaultLocation, LocationColumns.Map);
        b.Property(s => s.TimeZone).HasMaxLength(Zones.MaxLength).IsRequired();
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Ignore(s => s.DomainEvents);
    }
}
