using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Documents;
using Meetings.Infrastructure.Documents;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Documents;

/// <summary>
/// Adds a document to a meeting: the office anything, a department key for its own topic, a partner key for its own
/// speaker (403 otherwise). The file is stored already (<see cref="DocumentForms"/>); refused here, it is removed again.
/// </summary>
public sealed record UploadDocument(Guid MeetingId, DocumentForm Form) : IRequest<DocumentResponse>;

internal sealed class UploadDocumentHandler(MeetingsDbContext db, Caller caller, DocumentBlobs blobs, TimeProvider clock)
    : IRequestHandler<UploadDocument, DocumentResponse>
{
    public async Task<DocumentResponse> Handle(UploadDocument request, CancellationToken ct)
    {
        var (id, form) = (request.MeetingId, request.Form);
        try
        {
            var meeting = await db.LoadMeetingForDocumentsAsync(id, ct);
            var reader = await db.ReaderAsync(caller, id, ct);
            var input = form.ToInput();
            var topic = input.TopicId is { } topicId ? await db.Topics.AsNoTracking().SingleOrDefaultAsync(t => t.Id == topicId && t.MeetingId == id, ct) : null;
            var speaker = input.SpeakerId is { } speakerId ? await db.Speakers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == speakerId && s.MeetingId == id, ct) : null;
            if ((input.TopicId is null || topic is not null) && (input.SpeakerId is null || speaker is not null)
                && !reader.MayUpload(topic?.DepartmentId, speaker?.CityId))
            {
                throw new Common.ForbiddenException("A department key uploads for its own topic (topicId), a partner key for its own speaker (speakerId).");
            }

            var content = await DocumentTypes.StoredAsync(blobs, form);
            var document = Document.Create(meeting, input, topic, speaker, content, caller.Actor, clock.GetUtcNow());
            db.Documents.Add(document);
            await db.SaveChangesAsync(ct);
            return DocumentResponse.From(document);
        }
        catch
        {
            await blobs.DeleteAsync(form.Blob.BlobId, CancellationToken.None);
            throw;
        }
    }
}

/// <summary>The stored file judged by its content (<see cref="ContentKinds.Judge"/>); none of the types: 415.</summary>
internal static class DocumentTypes
{
    public static Task<StoredContent> StoredAsync(DocumentBlobs blobs, DocumentForm form)
    {
        using var content = blobs.OpenRead(form.Blob.BlobId, form.Blob.Size);
        var type = ContentKinds.Judge(content) ?? throw new UnsupportedDocumentTypeException();
        return Task.FromResult(new StoredContent(form.Blob.BlobId, form.FileName, type, form.Blob.Size, form.Blob.Sha256));
    }
}
