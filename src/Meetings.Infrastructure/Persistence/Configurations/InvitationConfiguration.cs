using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.ToTable("Invitations");
        b.HasKey(i => i.Id);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.OwnsOne(i => i.Recipient, PersonColumns.Map);
        b.Navigation(i => i.Recipient).IsRequired();
        b.OwnsOne(i => i.Delegate, PersonColumns.Map);
        b.Property(i => i.Comment).HasMaxLength(Invitation.CommentMaxLength);
        // The stored names keep the words of before the answers had one name (docs/architecture.md, "Answers").
        b.Property(i => i.Token).HasColumnName("RsvpToken").HasMaxLength(Invitation.TokenMaxLength).IsRequired();
        b.HasIndex(i => i.Token).IsUnique();
        b.Property(i => i.AnsweredAt).HasColumnName("RespondedAt");
        b.Property(i => i.DelegateToken).HasMaxLength(Invitation.TokenMaxLength);
        b.HasIndex(i => i.DelegateToken).IsUnique();
        b.HasOne<Department>().WithMany().HasForeignKey(i => i.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        // One department invitation per meeting and department.
        b.HasIndex(i => new { i.MeetingId, i.DepartmentId }).IsUnique();
        b.Ignore(i => i.IsOpen);
        b.Ignore(i => i.MailRecipient);
        b.Ignore(i => i.AttendeeToken);
        b.Ignore(i => i.DomainEvents);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasMany(i => i.History).WithOne().HasForeignKey("InvitationId").OnDelete(DeleteBehavior.Cascade);
        b.Navigation(i => i.History).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
