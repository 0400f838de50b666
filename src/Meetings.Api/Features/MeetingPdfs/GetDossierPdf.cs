using MediatR;
using Meetings.Api.Auth;
using Meetings.Infrastructure.Pdf;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.MeetingPdfs;

/// <summary>
/// The Sitzungsmappe: the Einladung followed by every PDF document of audience <c>invitees</c> in agenda order (those
/// of the whole meeting first), a bookmark per part, the Mappe's page numbers on every page. Read as the Einladung is.
/// A document that cannot be merged (broken, encrypted) gets a page that says so in its place.
/// </summary>
public sealed record GetDossierPdf(MeetingPdfAccess Access) : IRequest<PdfFile>;

internal sealed class GetDossierPdfHandler(MeetingsDbContext db, IHttpContextAccessor http, IMeetingDocumentFiles documents)
    : IRequestHandler<GetDossierPdf, PdfFile>
{
    public async Task<PdfFile> Handle(GetDossierPdf request, CancellationToken ct)
    {
        var reader = await db.ReaderAsync(request.Access, Caller.TryFrom(http.HttpContext!.User), ct);
        var (facts, files) = await db.InvitationFactsAsync(documents, reader, ct);
        using var invitation = new MemoryStream();
        InvitationPdf.Write(facts, invitation);
        invitation.Position = 0;
        // The Mappe grows with its documents: it goes to a temporary file, not to memory, and is deleted when sent.
        var output = new FileStream(
            Path.Combine(Path.GetTempPath(), $"meetings-dossier-{Guid.NewGuid():N}.pdf"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            81920, FileOptions.DeleteOnClose);
        try
        {
            DossierBuilder.Build(invitation, files.Where(f => f.IsPdf).Select(f => (f.Title, f.Open)), output, DossierTexts.For(facts));
            output.Position = 0;
        }
        catch
        {
            await output.DisposeAsync();
            throw;
        }

        var meeting = facts.Meeting;
        return new PdfFile(output, MeetingPdfs.FileName(PdfNames.Of(PdfKind.Dossier, reader.Language), meeting.StartsAt, meeting.TimeZone, meeting.Title));
    }
}
