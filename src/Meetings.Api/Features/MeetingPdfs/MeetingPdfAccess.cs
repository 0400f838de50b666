using Meetings.Api.Auth;
using Meetings.Api.Features.Answers;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.MeetingPdfs;

/// <summary>
/// How a PDF of a meeting is asked for: by a key (<c>/api/meetings/{id}/…</c>) or by a personal link (<c>/rsvp/{token}/…</c>).
/// One use case serves both routes; the link's route is named with <see cref="Common.OpenApi.OperationIds.ByLink"/>.
/// </summary>
public sealed record MeetingPdfAccess(Guid? MeetingId, string? Token)
{
    public static MeetingPdfAccess ByKey(Guid meetingId) => new(meetingId, null);

    public static MeetingPdfAccess ByLink(string token) => new(null, token);
}

/// <summary>Who reads: the meeting, the language of the PDF, and the key's department (null: the office or a link holder).</summary>
internal sealed record PdfReaderOf(Guid MeetingId, string Language, Caller? Caller)
{
    public bool ByLink => Caller is null;
}

/// <summary>PDF file: its content and the name it is saved under.</summary>
public sealed record PdfFile(Stream Content, string FileName);

/// <summary>The rules every PDF of a meeting shares: who may read it, in which language, who issues it, what it is called.</summary>
internal static class MeetingPdfs
{
    /// <summary>
    /// A key reads a meeting it may see (a draft is the office's: 404 to others), in German; a link reads its own
    /// meeting in the language of the link's holder (an unknown token: 404 that reveals nothing).
    /// </summary>
    public static async Task<PdfReaderOf> ReaderAsync(this MeetingsDbContext db, MeetingPdfAccess access, Caller? caller, CancellationToken ct)
    {
        if (access.Token is { } raw)
        {
            var token = LinkTokens.Checked(raw);
            var found = await db.Invitations.AsNoTracking().Where(i => i.Token == token || i.DelegateToken == token)
                .Select(i => new { i.MeetingId, i.Token, i.Recipient, i.Delegate }).FirstOrDefaultAsync(ct) ?? throw NotFoundException.Invitation();
            var holder = found.Token == token ? found.Recipient : found.Delegate ?? found.Recipient;
            return new PdfReaderOf(found.MeetingId, holder.Language, null);
        }

        var id = access.MeetingId!.Value;
        var visible = caller is not null && await caller.MaySee(db.Meetings.AsNoTracking()).AnyAsync(m => m.Id == id, ct);
        return visible ? new PdfReaderOf(id, Languages.German, caller) : throw new NotFoundException("Meeting", id);
    }

    /// <summary>The PDF's author: the series' host city, else its organizer.</summary>
    public static async Task<string> AuthorAsync(this MeetingsDbContext db, Guid seriesId, CancellationToken ct)
    {
        var series = await db.Series.AsNoTracking().Where(s => s.Id == seriesId).Select(s => new { s.HostCityId, s.OrganizerEmail }).SingleAsync(ct);
        var city = await db.Cities.AsNoTracking().Where(c => c.Id == series.HostCityId).Select(c => c.Name).SingleOrDefaultAsync(ct);
        return city ?? series.OrganizerEmail;
    }

    /// <summary>"Einladung 2026-10-08 Amtsleitungstreffen.pdf": the kind, the local day, the title without what a file name cannot hold.</summary>
    public static string FileName(string kind, DateTimeOffset startsAt, string timeZone, string title)
    {
        var day = Zones.ToLocal(startsAt, timeZone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var safe = new string([.. title.Select(c => char.IsControl(c) || "\\/:*?\"<>|".Contains(c, StringComparison.Ordinal) ? '-' : c)]).Trim();
        return $"{kind} {day} {(safe.Length > 80 ? safe[..80].TrimEnd() : safe)}.pdf";
    }
}
