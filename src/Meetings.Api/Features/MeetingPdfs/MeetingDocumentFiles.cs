using Meetings.Infrastructure.Documents;

namespace Meetings.Api.Features.MeetingPdfs;

/// <summary>
/// The documents of audience <c>invitees</c> of a meeting as the PDFs need them: the Einladung lists them under
/// "Unterlagen", the Sitzungsmappe merges the PDFs among them. <see cref="StoredMeetingDocumentFiles"/> reads them from
/// the documents store.
/// </summary>
public interface IMeetingDocumentFiles
{
    /// <summary>The meeting's current documents of audience <c>invitees</c> (withdrawn ones left out), in any order.</summary>
    Task<IReadOnlyList<MeetingDocumentFile>> ForInviteesAsync(Guid meetingId, CancellationToken ct);
}

/// <summary>One document: title, file name, type as judged by its content, the agenda item it belongs to, and how to read its content.</summary>
/// <param name="Open">Opens the current version's content for reading (called at most once, when the Mappe reaches it).</param>
public sealed record MeetingDocumentFile(string Title, string FileName, string ContentType, Guid? AgendaItemId, Func<Stream> Open)
{
    public bool IsPdf => ContentType == "application/pdf";
}

/// <summary>The meeting's documents as the documents store holds them (<see cref="IDocumentContent"/>).</summary>
internal sealed class StoredMeetingDocumentFiles(IDocumentContent documents) : IMeetingDocumentFiles
{
    public async Task<IReadOnlyList<MeetingDocumentFile>> ForInviteesAsync(Guid meetingId, CancellationToken ct) =>
        (await documents.CurrentInviteeDocumentsAsync(meetingId, ct))
            .Select(d => new MeetingDocumentFile(d.Title, d.FileName, d.ContentType, d.AgendaItemId, d.OpenRead))
            .ToList();
}
