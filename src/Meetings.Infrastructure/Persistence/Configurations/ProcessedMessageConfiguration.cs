using Meetings.Infrastructure.Mail.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class ProcessedMessageConfiguration : IEntityTypeConfiguration<ProcessedMessage>
{
    public void Configure(EntityTypeBuilder<ProcessedMessage> b)
    {
        b.ToTable("ProcessedMessages");
        b.HasKey(m => m.Identity); // one row per message: a second reader's insert of the same message fails
        b.Property(m => m.Identity).HasMaxLength(ProcessedMessage.IdentityMaxLength);
        b.Property(m => m.Destination).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.Property(m => m.Outcome).HasMaxLength(20).IsRequired();
        b.Property(m => m.Note).HasMaxLength(ProcessedMessage.NoteMaxLength);
    }
}
