using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> b)
    {
        b.ToTable("AgendaItems");
        b.HasKey(i => i.Id);
        b.Property(i => i.Title).HasMaxLength(AgendaItem.TitleMaxLength).IsRequired();
        b.Property(i => i.Description).HasMaxLength(AgendaItem.DescriptionMaxLength);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.OwnsOne(i => i.Presenter, p =>
        {
            p.Property(x => x.Kind).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
            p.Property(x => x.Name).HasMaxLength(Person.NameMaxLength).IsRequired();
        });
        b.HasIndex(i => new { i.MeetingId, i.Position });
    }
}
