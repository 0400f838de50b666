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
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.CancellationReason).HasMaxLength(Meeting.ReasonMaxLength);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasMany(m => m.Invitations).WithOne().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.Invitations).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(m => m.Agenda).WithOne().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.Agenda).HasField("_agenda").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(m => m.DurationMinutes);
        b.Ignore(m => m.DomainEvents);
        b.Ignore(m => m.Reminders);
        b.Property(m => m.ReminderOffsets).HasMaxLength(200).IsRequired();
        b.Property(m => m.RsvpNudge).HasMaxLength(20);
        b.HasIndex(m => new { m.SeriesId, m.StartsAt });
        b.HasIndex(m => new { m.Status, m.StartsAt });
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.ToTable("Invitations");
        b.HasKey(i => i.Id);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        b.OwnsOne(i => i.Recipient, PersonColumns.Map);
        b.Navigation(i => i.Recipient).IsRequired();
        b.OwnsOne(i => i.Delegate, PersonColumns.Map);
        b.Property(i => i.Comment).HasMaxLength(Invitation.CommentMaxLength);
        b.Property(i => i.RsvpToken).HasMaxLength(64).IsRequired();
        b.HasIndex(i => i.RsvpToken).IsUnique();
        b.HasOne<Department>().WithMany().HasForeignKey(i => i.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        // One department invitation per meeting and department.
        b.HasIndex(i => new { i.MeetingId, i.DepartmentId }).IsUnique();
        b.Ignore(i => i.IsOpen);
        b.Ignore(i => i.DomainEvents);
        b.Ignore(i => i.MailRecipient);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasMany(i => i.History).WithOne().HasForeignKey("InvitationId").OnDelete(DeleteBehavior.Cascade);
        b.Navigation(i => i.History).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> b)
    {
        b.ToTable("AgendaItems");
        b.HasKey(i => i.Id);
        b.Property(i => i.Title).HasMaxLength(AgendaItem.TitleMaxLength).IsRequired();
        b.Property(i => i.Description).HasMaxLength(AgendaItem.DescriptionMaxLength);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        b.OwnsOne(i => i.Presenter, p =>
        {
            p.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            p.Property(x => x.Name).HasMaxLength(Person.NameMaxLength).IsRequired();
        });
        b.HasIndex(i => new { i.MeetingId, i.Position });
    }
}

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
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.DecisionReason).HasMaxLength(Speaker.ReasonMaxLength);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Ignore(s => s.DomainEvents);
        // One active proposal per e-mail and meeting; a withdrawn or rejected speaker may be proposed again.
        b.HasIndex(s => new { s.MeetingId, s.Email }).IsUnique().HasFilter("\"Status\" IN ('Proposed', 'Confirmed')");
        b.HasIndex(s => new { s.MeetingId, s.CityId });
    }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> b)
    {
        b.ToTable("Deliveries");
        b.HasKey(d => d.Id);
        b.Property(d => d.Scope).HasMaxLength(60).IsRequired();
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        b.OwnsOne(d => d.Recipient, PersonColumns.Map);
        b.Navigation(d => d.Recipient).IsRequired();
        b.Property(d => d.RecipientEmail).HasMaxLength(EmailAddress.MaxLength).IsRequired();
        b.Property(d => d.Occasion).HasMaxLength(Delivery.OccasionMaxLength).IsRequired();
        b.Property(d => d.LastError).HasMaxLength(Delivery.ErrorMaxLength);
        b.Ignore(d => d.Key);
        // "One row per (meeting, recipient, kind, occasion)" held by the database, not only by the planner.
        b.HasIndex(d => new { d.Scope, d.RecipientEmail, d.Kind, d.Occasion }).IsUnique();
        b.HasIndex(d => d.MeetingId);
        b.HasIndex(d => d.SeriesId);
        b.HasIndex(d => new { d.Status, d.DueAt });
    }
}

internal sealed class RsvpHistoryConfiguration : IEntityTypeConfiguration<RsvpHistoryEntry>
{
    public void Configure(EntityTypeBuilder<RsvpHistoryEntry> h)
    {
        h.ToTable("InvitationHistory");
        h.HasKey(x => x.Id);
        h.Property(x => x.Id).ValueGeneratedOnAdd();
        h.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        h.Property(x => x.Via).HasConversion<string>().HasMaxLength(16);
        h.Property(x => x.Actor).HasMaxLength(RsvpHistoryEntry.ActorMaxLength).IsRequired();
        h.Property(x => x.Note).HasMaxLength(RsvpHistoryEntry.NoteMaxLength);
        h.HasIndex("InvitationId");
    }
}

/// <summary>How a <see cref="Location"/> value is stored inside its owner's row.</summary>
internal static class LocationColumns
{
    public static void Map<TOwner>(OwnedNavigationBuilder<TOwner, Location> l) where TOwner : class
    {
        l.Property(x => x.Name).HasMaxLength(Location.NameMaxLength).IsRequired();
        l.Property(x => x.Address).HasMaxLength(Location.AddressMaxLength);
        l.Property(x => x.Room).HasMaxLength(Location.RoomMaxLength);
        l.Property(x => x.OnlineUrl).HasMaxLength(Location.UrlMaxLength);
        l.Ignore(x => x.OneLine);
    }
}
