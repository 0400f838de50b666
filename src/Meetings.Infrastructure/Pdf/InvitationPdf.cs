using System.Globalization;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Mail.Composition;

namespace Meetings.Infrastructure.Pdf;

/// <summary>A confirmed guest speaker as the Einladung names them.</summary>
public sealed record InvitationGuest(string Name, string Title, string Organization, string TalkTitle);

/// <summary>A document listed under "Unterlagen": its title, file name and the agenda item it belongs to (none: the meeting).</summary>
public sealed record InvitationDocument(string Title, string FileName, Guid? AgendaItemId);

/// <summary>
/// What the Einladung shows: the meeting (with its agenda items), its series, who issues it (the host city, else the
/// organizer: the PDF's author), the confirmed speakers and the documents of the invitees, in one language.
/// </summary>
public sealed record InvitationFacts(
    Meeting Meeting, string? SeriesName, string Author, IReadOnlyList<InvitationGuest> Guests, IReadOnlyList<InvitationDocument> Documents, string Language);

/// <summary>
/// The Einladung as a PDF for the e-file: title, motto, day and time in the meeting's zone as the answer page writes
/// them, place with room, address and online link, the agenda with computed times and presenters, the guest
/// speakers and the documents ("Unterlagen"); numbered pages.
/// </summary>
public static class InvitationPdf
{
    public static void Write(InvitationFacts facts, Stream output) => PdfTexts.In(facts.Language, () =>
    {
        var meeting = facts.Meeting;
        var culture = CultureInfo.CurrentUICulture;
        var pdfFacts = new PdfFacts(
            $"{PdfText.Invitation}: {meeting.Title}", facts.Author,
            string.Format(culture, PdfText.InvitationSubject, meeting.Title, PdfTexts.Day(meeting.StartsAt, meeting)), facts.Language);
        PdfFlow.Write(pdfFacts, (page, count) => string.Format(culture, PdfText.PageOf, page, count), flow => Draw(flow, facts, culture), output);
    });

    private static void Draw(PdfFlow flow, InvitationFacts facts, CultureInfo culture)
    {
        var meeting = facts.Meeting;
        if (facts.SeriesName is { } series)
        {
            flow.Paragraph(series);
        }

        flow.Paragraph(PdfText.Invitation, bold: true);
        flow.Title(meeting.Title);
        if (meeting.Motto is { } motto)
        {
            flow.Subtitle(motto);
        }

        if (meeting.Status == MeetingStatus.Draft)
        {
            flow.Paragraph(PdfText.Draft, bold: true);
        }
        else if (meeting.Status == MeetingStatus.Cancelled)
        {
            flow.Paragraph(meeting.CancellationReason is { } reason ? string.Format(culture, PdfText.CancelledReason, reason) : PdfText.Cancelled, bold: true);
        }

        flow.Gap();
        flow.Row(PdfText.When, PdfTexts.When(meeting));
        if (meeting.Location is { } location)
        {
            var lines = new List<string> { location.Name };
            if (location.Room is { } room)
            {
                lines.Add(string.Format(culture, PdfText.Room, room));
            }

            if (location.Address is { } address)
            {
                lines.Add(address);
            }

            if (location.WebAddress is { } web)
            {
                lines.Add(string.Format(culture, PdfText.Online, web));
            }

            flow.Row(PdfText.Where, string.Join('\n', lines));
        }

        if (meeting.AnswerDeadline is { } deadline)
        {
            flow.Row(PdfText.Deadline, Zones.ToLocal(deadline, meeting.TimeZone).ToString(PdfText.DateTimeFormat, culture));
        }

        if (meeting.Description is { } description)
        {
            flow.Gap(4);
            flow.Paragraph(description);
        }

        Agenda(flow, meeting, culture);
        if (facts.Guests.Count > 0)
        {
            flow.Heading(PdfText.Guests);
            foreach (var guest in facts.Guests)
            {
                flow.Bullet(string.Format(culture, PdfText.Guest, guest.Name, guest.Title, guest.Organization, guest.TalkTitle));
            }
        }

        Documents(flow, facts, culture);
    }

    private static void Agenda(PdfFlow flow, Meeting meeting, CultureInfo culture)
    {
        flow.Heading(PdfText.Agenda);
        var schedule = meeting.Agenda.Schedule();
        if (schedule.Count == 0)
        {
            flow.Paragraph(PdfText.AgendaFollows);
            return;
        }

        foreach (var (item, starts, ends) in schedule)
        {
            var text = string.Format(culture, PdfText.AgendaItem, item.Position, item.Title);
            if (item.Presenter is { } presenter)
            {
                text += "\n" + string.Format(culture, PdfText.Presenter, presenter.Name);
            }

            flow.Row($"{PdfTexts.Time(starts, meeting)}–{PdfTexts.Time(ends, meeting)}", text, labelWidth: 80, boldLabel: false);
        }
    }

    private static void Documents(PdfFlow flow, InvitationFacts facts, CultureInfo culture)
    {
        flow.Heading(PdfText.Documents);
        if (facts.Documents.Count == 0)
        {
            flow.Paragraph(PdfText.NoDocuments);
            return;
        }

        var positions = facts.Meeting.AgendaItems.ToDictionary(i => i.Id, i => i.Position);
        foreach (var document in facts.Documents)
        {
            var where = document.AgendaItemId is { } id && positions.TryGetValue(id, out var position)
                ? string.Format(culture, PdfText.DocumentForItem, position)
                : PdfText.DocumentGeneral;
            flow.Bullet($"{document.Title} ({document.FileName}), {where}");
        }
    }
}

/// <summary>The PDFs' language and how they write days and times (as the answer page does).</summary>
internal static class PdfTexts
{
    /// <summary>Runs <paramref name="write"/> with the texts of <paramref name="language"/> (<c>de</c> or <c>en</c>).</summary>
    public static void In(string language, Action write)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = LetterFacts.CultureOf(language);
        try
        {
            write();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>"Donnerstag, 8. Oktober 2026, 14:00–17:00 Uhr" in the meeting's zone.</summary>
    public static string When(Meeting meeting)
    {
        var culture = CultureInfo.CurrentUICulture;
        var (start, end) = (Zones.ToLocal(meeting.StartsAt, meeting.TimeZone), Zones.ToLocal(meeting.EndsAt, meeting.TimeZone));
        return string.Format(culture, PdfText.TimeRange, start.ToString(PdfText.DateFormat, culture), start.ToString("HH:mm", culture), end.ToString("HH:mm", culture));
    }

    /// <summary>"08.10.2026" in the meeting's zone.</summary>
    public static string Day(DateTimeOffset instant, Meeting meeting) =>
        Zones.ToLocal(instant, meeting.TimeZone).ToString(PdfText.ShortDateFormat, CultureInfo.CurrentUICulture);

    public static string Time(DateTimeOffset instant, Meeting meeting) =>
        Zones.ToLocal(instant, meeting.TimeZone).ToString("HH:mm", CultureInfo.InvariantCulture);
}
