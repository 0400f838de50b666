using Meetings.Domain.Meetings;
using Meetings.Domain.Polls;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

/// <summary>A date poll: one per meeting, its slots and ballots in tables of their own.</summary>
internal sealed class DatePollConfiguration : IEntityTypeConfiguration<DatePoll>
{
    public void Configure(EntityTypeBuilder<DatePoll> b)
    {
        b.ToTable("DatePolls");
        b.HasKey(p => p.Id);
        b.HasOne<Meeting>().WithMany().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => p.MeetingId).IsUnique();
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.Property(p => p.Note).HasMaxLength(DatePoll.NoteMaxLength);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasMany(p => p.Slots).WithOne().HasForeignKey(s => s.PollId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Slots).HasField("_slots").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(p => p.Ballots).WithOne().HasForeignKey(s => s.PollId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Ballots).HasField("_ballots").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(p => p.Chosen);
        b.Ignore(p => p.Voted);
        b.Ignore(p => p.DomainEvents);
    }
}

internal sealed class PollSlotConfiguration : IEntityTypeConfiguration<PollSlot>
{
    public void Configure(EntityTypeBuilder<PollSlot> b)
    {
        b.ToTable("PollSlots");
        b.HasKey(s => s.Id);
    }
}

internal sealed class PollBallotConfiguration : IEntityTypeConfiguration<PollBallot>
{
    public void Configure(EntityTypeBuilder<PollBallot> b)
    {
        b.ToTable("PollBallots");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.OwnsOne(x => x.Recipient, PersonColumns.Map);
        b.Navigation(x => x.Recipient).IsRequired();
        b.OwnsOne(x => x.Delegate, PersonColumns.Map);
        b.Property(x => x.Token).HasMaxLength(Invitation.TokenMaxLength).IsRequired();
        b.HasIndex(x => x.Token).IsUnique();
        b.Property(x => x.DelegateToken).HasMaxLength(Invitation.TokenMaxLength);
        b.HasIndex(x => x.DelegateToken).IsUnique();
        b.Property(x => x.Comment).HasMaxLength(PollBallot.CommentMaxLength);
        b.Property(x => x.VotedBy).HasMaxLength(Domain.Directory.Person.NameMaxLength);
        b.Property<string>("AnswersText").HasColumnName("Answers").HasMaxLength(40 * DatePoll.MaxSlots).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.PollId, x.DepartmentId });
        b.Ignore(x => x.MailRecipient);
        b.Ignore(x => x.Answers);
    }
}
