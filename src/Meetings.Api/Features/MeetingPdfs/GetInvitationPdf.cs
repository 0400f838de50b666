using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Pdf;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.MeetingPdfs;

/// <summary>
/// The Einladung as a PDF for the e-file: by any key that may read the meeting (a draft: the office only), or by a
/// personal link in its holder's language.
/// </summary>
public sealed record GetInvitationPdf(MeetingPdfAccess Access) : IRequest<PdfFile>;

internal sealed class GetInvitationPdfHandler(MeetingsDbContext db, IHttpContextAccessor http, IMeetingDocumentFiles documents)
    : IRequestHandler<GetInvitationPdf, PdfFile>
{
    public async Task<PdfFile> Handle(GetInvitationPdf request, CancellationToken ct)
    {
        var reader = await db.ReaderAsync(request.Access, Caller.TryFrom(http.HttpContext!.User), ct);
        var (facts, _) = await db.InvitationFactsAsync(documents, reader, ct);
        var output = new MemoryStream();
        InvitationPdf.Write(facts, output);
        output.Position = 0;
        return new PdfFile(output, MeetingPdfs.FileName(PdfNames.Of(PdfKind.Invitation, reader.Language), facts.Meeting.StartsAt, facts.Meeting.TimeZone, facts.Meeting.Title));
    }
}

/// <summary>What the Einladung (and so the Sitzungsmappe) is made of.</summary>
internal static class InvitationSources
{
    /// <summary>The facts of the Einladung and the documents of the invitees, in agenda order (those of the whole meeting first).</summary>
    public static async Task<(InvitationFacts Facts, IReadOnlyList<MeetingDocumentFile> Documents)> InvitationFactsAsync(
        this MeetingsDbContext db, IMeetingDocumentFiles documents, PdfReaderOf reader, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.AgendaItems).SingleAsync(m => m.Id == reader.MeetingId, ct);
        var seriesName = await db.Series.AsNoTracking().Where(s => s.Id == meeting.SeriesId).Select(s => s.Name).SingleOrDefaultAsync(ct);
        var guests = await db.Speakers.AsNoTracking()
            .Where(s => s.MeetingId == meeting.Id && s.Status == SpeakerStatus.Confirmed)
            .OrderBy(s => s.CreatedAt)
            .Select(s => new InvitationGuest(s.Name, s.Title, s.Organization, s.TalkTitle))
            .ToListAsync(ct);
        var positions = meeting.AgendaItems.ToDictionary(i => i.Id, i => i.Position);
        var files = (await documents.ForInviteesAsync(meeting.Id, ct))
            .OrderBy(d => d.AgendaItemId is { } id && positions.TryGetValue(id, out var p) ? p : 0)
            .ToList();
        var facts = new InvitationFacts(
            meeting, seriesName, await db.AuthorAsync(meeting.SeriesId, ct), guests,
            [.. files.Select(f => new InvitationDocument(f.Title, f.FileName, f.AgendaItemId))], reader.Language);
        return (facts, files);
    }
}
