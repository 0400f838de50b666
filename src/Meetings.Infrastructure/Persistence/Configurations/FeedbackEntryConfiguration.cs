using Meetings.Domain.Feedback;
using Meetings.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

/// <summary>
/// Feedback under its pseudonym: no invitation id, no person, no time (see <see cref="Feedback.FeedbackPseudonyms"/>). The talks'
/// ratings are rows of their own, owned by the feedback.
/// </summary>
internal sealed class FeedbackEntryConfiguration : IEntityTypeConfiguration<FeedbackEntry>
{
    public void Configure(EntityTypeBuilder<FeedbackEntry> b)
    {
        b.ToTable("Feedback");
        b.HasKey(f => f.Pseudonym);
        b.Property(f => f.Pseudonym).HasMaxLength(FeedbackEntry.PseudonymMaxLength).ValueGeneratedNever();
        b.Property(f => f.Comment).HasMaxLength(FeedbackEntry.CommentMaxLength);
        b.HasOne<Meeting>().WithMany().HasForeignKey(f => f.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => f.MeetingId);
        b.OwnsMany(f => f.Talks, t =>
        {
            t.ToTable("FeedbackTalkRatings");
            t.WithOwner().HasForeignKey("FeedbackPseudonym");
            t.Property<string>("FeedbackPseudonym").HasMaxLength(FeedbackEntry.PseudonymMaxLength);
            t.HasKey("FeedbackPseudonym", nameof(TalkRating.AgendaItemId));
            t.Property(r => r.AgendaItemId).ValueGeneratedNever();
        });
        b.Navigation(f => f.Talks).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
