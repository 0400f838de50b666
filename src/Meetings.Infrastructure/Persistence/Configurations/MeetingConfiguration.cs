using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.ToTable("Meetings");
        b.HasKey(m => m.Id);
        b.HasOne<Series>().WithMany().HasForeignKey(m => m.SeriesId).OnDelete(DeleteBehavior.Restrict);
        b.Property(m => m.Title).HasMaxLength(Meeting.TitleMaxLength).IsRequired();
        b.Property(m => m.Motto).HasMaxLength(Meeting.MottoMaxLength);
        b.Property(m => m.Description).HasMaxLength(Meeting.DescriptionMaxLength);
        b.Property(m => m.TimeZone).HasMaxLength(Zones.MaxLength).IsRequired();
        b.OwnsOne(m => m.Location, LocationColumns.Map);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.Property(m => m.CancellationReason).HasMaxLength(Meeting.ReasonMaxLength);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasMany(m => m.Invitations).WithOne().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.Invitations).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(m => m.AgendaItems).WithOne().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.AgendaItems).HasField("_agendaItems").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(m => m.Agenda);
        b.Ignore(m => m.IsVisibleBeyondOffice);
        b.Ignore(m => m.DurationMinutes);
        b.Ignore(m => m.DomainEvents);
        b.Ignore(m => m.Reminders);
        b.Property(m => m.ReminderOffsets).HasMaxLength(ReminderPlan.StoredOffsetsMaxLength).IsRequired();
        b.Property(m => m.NudgeOffset).HasColumnName("RsvpNudge").HasMaxLength(ReminderPlan.StoredNudgeMaxLength);
        b.Property(m => m.AnswerDeadline).HasColumnName("RsvpDeadline"); // the stored name of before the answers had one name
        b.HasIndex(m => new { m.SeriesId, m.StartsAt });
        b.HasIndex(m => new { m.Status, m.StartsAt });
    }
}
