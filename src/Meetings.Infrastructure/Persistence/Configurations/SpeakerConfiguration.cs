using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class SpeakerConfiguration : IEntityTypeConfiguration<Speaker>
{
    public void Configure(EntityTypeBuilder<Speaker> b)
    {
        b.ToTable("Speakers");
        b.HasKey(s => s.Id);
        b.HasOne<Meeting>().WithMany().HasForeignKey(s => s.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<City>().WithMany().HasForeignKey(s => s.CityId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.Name).HasMaxLength(Speaker.TextMaxLength).IsRequired();
        b.Property(s => s.Title).HasMaxLength(Speaker.TextMaxLength).IsRequired();
        b.Property(s => s.Organization).HasMaxLength(Speaker.TextMaxLength).IsRequired();
        b.Property(s => s.Email).HasMaxLength(EmailAddress.MaxLength).IsRequired();
        b.Property(s => s.TalkTitle).HasMaxLength(Speaker.TextMaxLength).IsRequired();
        b.Property(s => s.Abstract).HasMaxLength(Speaker.AbstractMaxLength);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.Property(s => s.DecisionReason).HasMaxLength(Speaker.ReasonMaxLength);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Ignore(s => s.DomainEvents);
        // One active proposal per e-mail, meeting and city (Speaker.SameActiveProposal); a withdrawn or rejected speaker may be
        // proposed again, and another city may propose the same person (a partner learns nothing of another city's speakers).
        b.HasIndex(s => new { s.MeetingId, s.CityId, s.Email }).IsUnique().HasFilter("\"Status\" IN ('Proposed', 'Confirmed')");
        b.HasIndex(s => new { s.MeetingId, s.CityId });
    }
}
