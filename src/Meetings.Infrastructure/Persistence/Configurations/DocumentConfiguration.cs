using Meetings.Domain.Documents;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> b)
    {
        b.ToTable("Documents");
        b.HasKey(d => d.Id);
        b.HasOne<Meeting>().WithMany().HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.Property(d => d.Title).HasMaxLength(Document.TitleMaxLength).IsRequired();
        b.Property(d => d.Audience).HasConversion<string>().HasMaxLength(EnumColumns.MaxLength);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.Ignore(d => d.DomainEvents);
        b.Ignore(d => d.IsWithdrawn);
        b.Ignore(d => d.Current);
        b.HasIndex(d => d.MeetingId);
        b.OwnsMany(d => d.Versions, v =>
        {
            v.ToTable("DocumentVersions");
            v.WithOwner().HasForeignKey(x => x.DocumentId);
            v.HasKey(x => new { x.DocumentId, x.Number });
            v.Property(x => x.Number).ValueGeneratedNever(); // a new version is a new row, never an update of one
            v.Property(x => x.FileName).HasMaxLength(DocumentFileName.MaxLength).IsRequired();
            v.Property(x => x.ContentType).HasMaxLength(DocumentVersion.ContentTypeMaxLength).IsRequired();
            v.Property(x => x.Sha256).HasMaxLength(DocumentVersion.Sha256Length).IsRequired();
            v.Property(x => x.UploadedBy).HasMaxLength(Document.UploaderMaxLength).IsRequired();
            v.HasIndex(x => x.BlobId).IsUnique();
        });
        b.Navigation(d => d.Versions).HasField("_versions").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

/// <summary>A document's bytes in chunks, keyed by blob and index (<see cref="DocumentBlobs"/>); no foreign key: a blob is written before its document.</summary>
internal sealed class DocumentChunkConfiguration : IEntityTypeConfiguration<DocumentChunk>
{
    public void Configure(EntityTypeBuilder<DocumentChunk> b)
    {
        b.ToTable("DocumentChunks");
        b.HasKey(c => new { c.BlobId, c.Index });
        b.Property(c => c.Bytes).IsRequired();
    }
}
