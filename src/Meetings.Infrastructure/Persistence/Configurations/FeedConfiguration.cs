using Meetings.Domain.Common;
using Meetings.Domain.Feeds;
using Meetings.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class FeedConfiguration : IEntityTypeConfiguration<Feed>
{
    public void Configure(EntityTypeBuilder<Feed> b)
    {
        b.ToTable("Feeds");
        b.HasKey(f => f.Id);
        b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.Property(f => f.PersonEmail).HasMaxLength(EmailAddress.MaxLength);
        b.Property(f => f.Token).HasMaxLength(Invitation.TokenMaxLength).IsRequired();
        b.HasIndex(f => f.Token).IsUnique();
        b.HasIndex(f => f.PersonEmail);
        b.Ignore(f => f.IsRevoked);
    }
}
