using Meetings.Domain.Common;
using Meetings.Domain.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> b)
    {
        b.ToTable("Deliveries");
        b.HasKey(d => d.Id);
        b.Property(d => d.Scope).HasMaxLength(Delivery.ScopeMaxLength).IsRequired();
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(EnumColumns.DeliveryKindMaxLength);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.OwnsOne(d => d.Recipient, PersonColumns.Map);
        b.Navigation(d => d.Recipient).IsRequired();
        b.Property(d => d.RecipientEmail).HasMaxLength(EmailAddress.MaxLength).IsRequired();
        // A typed value in the domain; its key in the database (the last part of the unique key below).
        b.Property(d => d.Occasion).HasConversion(o => o.Key, key => Occasion.FromKey(key)).HasMaxLength(Delivery.OccasionMaxLength).IsRequired();
        b.Property(d => d.LastError).HasMaxLength(Delivery.ErrorMaxLength);
        b.Ignore(d => d.Key);
        b.Ignore(d => d.DomainEvents);
        // "One row per (meeting, recipient, kind, occasion)" held by the database, not only by the planner.
        b.HasIndex(d => new { d.Scope, d.RecipientEmail, d.Kind, d.Occasion }).IsUnique();
        b.HasIndex(d => d.MeetingId);
        b.HasIndex(d => d.InvitationId); // what a delegation or a withdrawal can make obsolete (DeliveryPlanning)
        b.HasIndex(d => d.SeriesId);
        b.HasIndex(d => d.TaskId); // what a task's new due date makes obsolete (DeliveryPlanning)
        b.HasIndex(d => new { d.Status, d.DueAt });
    }
}
