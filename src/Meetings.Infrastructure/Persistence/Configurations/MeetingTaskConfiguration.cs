using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Meetings.Domain.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class MeetingTaskConfiguration : IEntityTypeConfiguration<MeetingTask>
{
    public void Configure(EntityTypeBuilder<MeetingTask> b)
    {
        b.ToTable("Tasks");
        b.HasKey(t => t.Id);
        b.HasOne<Meeting>().WithMany().HasForeignKey(t => t.MeetingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(t => t.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(t => t.Title).HasMaxLength(MeetingTask.TitleMaxLength).IsRequired();
        b.Property(t => t.Description).HasMaxLength(MeetingTask.DescriptionMaxLength);
        b.Property(t => t.TimeZone).HasMaxLength(Zones.MaxLength).IsRequired();
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.Ignore(t => t.DomainEvents);
        b.Ignore(t => t.IsAnnounced);
        b.Ignore(t => t.IsFinal);
        b.Ignore(t => t.IsPending);
        b.Ignore(t => t.OverdueAt);
        b.HasMany(t => t.History).WithOne().HasForeignKey("TaskId").OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(t => new { t.SeriesId, t.MeetingStartsAt });
        b.HasIndex(t => new { t.DepartmentId, t.Status });
        b.HasIndex(t => t.MeetingId);
    }
}
