using System.Globalization;
using Meetings.Domain.Common;
using Meetings.Domain.Results;
using Meetings.Infrastructure.Mail.Composition;

namespace Meetings.Infrastructure.Pdf;

/// <summary>The minutes as everyone reads them, who issues them (the PDF's author) and the language.</summary>
public sealed record MinutesFacts(MinutesView View, string Author, string Language);

/// <summary>
/// The Ergebnisprotokoll as a PDF for the e-file, written from the same <see cref="Protocol"/> as the minutes mail
/// and the answer page: meeting and version, keeper, when approved, attendees and absentees, the entries by agenda
/// item (a task with its department and date), the tasks by department and the open points carried over.
/// </summary>
public static class MinutesPdf
{
    public static void Write(MinutesFacts facts, Stream output) => PdfTexts.In(facts.Language, () =>
    {
        var culture = CultureInfo.CurrentUICulture;
        var view = facts.View;
        var meeting = view.Meeting;
        var protocol = ProtocolWriter.Of(view, facts.Language);
        var pdfFacts = new PdfFacts(
            $"{protocol.Heading}: {meeting.Title}", facts.Author,
            string.Format(culture, PdfText.MinutesSubject, meeting.Title, PdfTexts.Day(meeting.StartsAt, meeting), view.Edition), facts.Language);
        PdfFlow.Write(pdfFacts, (page, count) => string.Format(culture, PdfText.PageOf, page, count), flow => Draw(flow, protocol, view, culture), output);
    });

    private static void Draw(PdfFlow flow, Protocol p, MinutesView view, CultureInfo culture)
    {
        flow.Title(p.Heading);
        flow.Subtitle(p.Meeting);
        flow.Paragraph(p.Edition);
        if (p.Keeper is { } keeper)
        {
            flow.Paragraph(keeper);
        }

        if (view.Minutes.ApprovedAt is { } approved)
        {
            var day = Zones.ToLocal(approved, view.Meeting.TimeZone).ToString(PdfText.ShortDateFormat, culture);
            flow.Paragraph(string.Format(culture, PdfText.ApprovedOn, day));
        }

        flow.Heading(p.Labels.Attendees);
        flow.Paragraph(p.Attendees.Count == 0 ? p.Labels.Nobody : string.Join(", ", p.Attendees));
        flow.Heading(p.Labels.Absent);
        flow.Paragraph(p.Absent.Count == 0 ? p.Labels.Nobody : string.Join(", ", p.Absent));
        foreach (var section in p.Sections)
        {
            flow.Heading(section.Title);
            foreach (var entry in section.Entries)
            {
                flow.Row(entry.Kind, entry.Task is { } task ? $"{entry.Text}\n{task.Line}" : entry.Text, labelWidth: 110);
            }
        }

        if (p.TasksByDepartment.Count > 0)
        {
            flow.Heading(p.Labels.TasksByDepartment);
            foreach (var group in p.TasksByDepartment)
            {
                flow.Paragraph(group.Department, bold: true);
                foreach (var task in group.Tasks)
                {
                    flow.Bullet($"{task.Line} ({task.Status})");
                }
            }
        }

        if (p.CarriedOver.Count > 0)
        {
            flow.Heading(p.Labels.CarriedOver);
            foreach (var task in p.CarriedOver)
            {
                flow.Bullet($"{task.Line} ({task.Status})");
            }
        }
    }
}
