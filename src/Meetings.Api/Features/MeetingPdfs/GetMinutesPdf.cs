using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Domain.Results;
using Meetings.Infrastructure.Pdf;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.MeetingPdfs;

/// <summary>
/// The Ergebnisprotokoll as approved, as a PDF for the e-file, with its version. Read as the minutes are: the office
/// (none yet: 404; a draft: 409 — the PDF is of approved minutes only); a department key approved minutes of a meeting
/// its department was invited to; a link holder the approved minutes of the link's meeting, as the answer page shows
/// them (anything else to them: a 404 that reveals nothing). Another department's tasks appear as the page shows
/// them: title, department, due date and status.
/// </summary>
public sealed record GetMinutesPdf(MeetingPdfAccess Access) : IRequest<PdfFile>;

internal sealed class GetMinutesPdfHandler(MeetingsDbContext db, IHttpContextAccessor http)
    : IRequestHandler<GetMinutesPdf, PdfFile>
{
    public async Task<PdfFile> Handle(GetMinutesPdf request, CancellationToken ct)
    {
        var reader = await db.ReaderAsync(request.Access, Caller.TryFrom(http.HttpContext!.User), ct);
        var status = await db.Minutes.Where(m => m.MeetingId == reader.MeetingId).Select(m => (MinutesStatus?)m.Status).SingleOrDefaultAsync(ct);
        var office = reader.Caller is { IsAdmin: true };
        if (status is null || status != MinutesStatus.Approved && !office || reader.Caller?.DepartmentScope is { } department && !await Invited(reader.MeetingId, department, ct))
        {
            throw new NotFoundException("Minutes of meeting", reader.MeetingId);
        }

        if (status != MinutesStatus.Approved)
        {
            throw new DomainException("The minutes are a draft: the PDF is of approved minutes only (POST …/minutes/approve first).");
        }

        var view = await ResultsQueries.MinutesViewAsync(db, reader.MeetingId, ct) ?? throw new NotFoundException("Minutes of meeting", reader.MeetingId);
        var output = new MemoryStream();
        MinutesPdf.Write(new MinutesFacts(view, await db.AuthorAsync(view.Meeting.SeriesId, ct), reader.Language), output);
        output.Position = 0;
        var meeting = view.Meeting;
        return new PdfFile(output, MeetingPdfs.FileName(PdfNames.Of(PdfKind.Minutes, reader.Language), meeting.StartsAt, meeting.TimeZone, meeting.Title));
    }

    private Task<bool> Invited(Guid meetingId, Guid department, CancellationToken ct) =>
        db.Invitations.AnyAsync(i => i.MeetingId == meetingId && i.DepartmentId == department, ct);
}
