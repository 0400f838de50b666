using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Meetings.Domain.Topics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> b)
    {
        b.ToTable("Topics");
        b.HasKey(t => t.Id);
        b.HasOne<Meeting>().WithMany().HasForeignKey(t => t.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Department>().WithMany().HasForeignKey(t => t.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(t => t.Title).HasMaxLength(Topic.TitleMaxLength).IsRequired();
        b.Property(t => t.Description).HasMaxLength(Topic.DescriptionMaxLength);
        b.Property(t => t.PresenterName).HasMaxLength(Person.NameMaxLength).IsRequired();
        b.Property(t => t.PresenterEmail).HasMaxLength(EmailAddress.MaxLength);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.Property(t => t.DecisionReason).HasMaxLength(Topic.ReasonMaxLength);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.Ignore(t => t.DomainEvents);
        b.Ignore(t => t.IsActive);
        b.HasIndex(t => new { t.MeetingId, t.DepartmentId, t.Status });
        // One topic per place: the limit per department holds when two proposals arrive at once (NULLs, a topic declined or
        // withdrawn, are distinct in SQLite and PostgreSQL alike).
        b.HasIndex(t => new { t.MeetingId, t.DepartmentId, t.Slot }).IsUnique();
    }
}

internal sealed class TopicCallConfiguration : IEntityTypeConfiguration<TopicCall>
{
    public void Configure(EntityTypeBuilder<TopicCall> b)
    {
        b.ToTable("TopicCalls");
        b.HasKey(c => c.Id);
        b.HasOne<Meeting>().WithOne().HasForeignKey<TopicCall>(c => c.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.MeetingId).IsUnique();
        b.Property(c => c.Note).HasMaxLength(TopicCall.NoteMaxLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.DomainEvents);
        b.OwnsMany(c => c.Links, link =>
        {
            link.ToTable("TopicCallLinks");
            link.WithOwner().HasForeignKey("TopicCallId");
            link.HasKey("TopicCallId", nameof(TopicCallLink.DepartmentId));
            link.Property(l => l.HeadEmail).HasMaxLength(EmailAddress.MaxLength).IsRequired();
            link.Property(l => l.Token).HasMaxLength(Invitation.TokenMaxLength).IsRequired();
            link.HasIndex(l => l.Token).IsUnique();
            link.HasOne<Department>().WithMany().HasForeignKey(l => l.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Navigation(c => c.Links).HasField("_links").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
