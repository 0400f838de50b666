using MediatR;
using Meetings.Infrastructure.Documents;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.AnswerPage;

/// <summary>
/// The documents the answer page lists for the meeting of a link the page has already found: those of audience
/// <c>invitees</c>, by agenda item, each with its download through the same link. The list is the same for every invitee
/// of the meeting: one query, kept by <see cref="MeetingReadCache"/> (dropped when a document of the meeting is saved here).
/// </summary>
public sealed record GetPageDocuments(Guid MeetingId, string Token) : IRequest<PageDocuments>;

/// <summary>The page's documents: a group per agenda item that has documents (in agenda order), then those of the whole meeting.</summary>
public sealed record PageDocuments(IReadOnlyList<PageDocumentGroup> Groups);

/// <summary>The documents of one agenda item (<paramref name="AgendaItem"/>) or, with null, of the whole meeting.</summary>
public sealed record PageDocumentGroup(string? AgendaItem, IReadOnlyList<PageDocument> Documents);

/// <summary>One document as listed: its title, its download through the personal link, its type ("PDF", "Word") and size in bytes.</summary>
public sealed record PageDocument(string Title, string Url, string Kind, long Size);

internal sealed class GetPageDocumentsHandler(MeetingsDbContext db, MeetingReadCache shared) : IRequestHandler<GetPageDocuments, PageDocuments>
{
    public async Task<PageDocuments> Handle(GetPageDocuments request, CancellationToken ct)
    {
        var listed = await shared.GetAsync(request.MeetingId, "page-documents", c => DocumentListing.ForLinkHoldersAsync(db, [request.MeetingId], c), ct);
        var link = $"/rsvp/{Uri.EscapeDataString(request.Token)}/documents/";
        // The listing is in agenda order with the whole meeting's documents last: a group per run of the same item.
        var groups = new List<PageDocumentGroup>();
        foreach (var run in listed.GroupBy(d => d.AgendaItemTitle is null ? (Guid?)null : d.AgendaItemId))
        {
            groups.Add(new PageDocumentGroup(
                run.First().AgendaItemTitle,
                run.Select(d => new PageDocument(d.Title, link + d.Id.ToString("D"), DocumentListing.Kind(d.ContentType), d.Size)).ToList()));
        }

        return new PageDocuments(groups);
    }
}
