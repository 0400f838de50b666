using System.Globalization;
using System.Xml.Linq;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Domain.Polls;

namespace Meetings.Api.Features.Polls;

/// <summary>
/// The poll as a picture for the office (SVG): a row per participant, a column per slot, each answer as colour AND symbol
/// (✓ yes, ~ maybe, ✗ no, – not yet), the tally under each column, and the best slot marked (★ and a frame). Written with
/// <see cref="XElement"/>, so that every name is escaped as XML.
/// </summary>
internal static class PollPicture
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const int NameWidth = 260;
    private const int ColumnWidth = 150;
    private const int RowHeight = 28;
    private const int HeaderHeight = 64;

    public static string Of(DatePoll poll, Meeting meeting)
    {
        var result = PollResult.Of(poll);
        var slots = result.Slots;
        var best = result.Best.FirstOrDefault();
        var ballots = poll.Ballots.OrderBy(b => b.Kind).ThenBy(b => b.Recipient.Name, StringComparer.Ordinal).ToList();
        var width = NameWidth + (slots.Count * ColumnWidth) + 20;
        var height = HeaderHeight + ((ballots.Count + 2) * RowHeight) + 50;
        var culture = CultureInfo.GetCultureInfo("de-DE");
        var root = new XElement(Svg + "svg",
            new XAttribute("width", width), new XAttribute("height", height), new XAttribute("viewBox", $"0 0 {width} {height}"),
            new XAttribute("role", "img"), new XAttribute("font-family", "DejaVu Sans, Arial, sans-serif"), new XAttribute("font-size", 13),
            new XElement(Svg + "title", $"Terminabstimmung: {meeting.Title}"),
            new XElement(Svg + "desc", "Zeilen: Teilnehmende; Spalten: Terminvorschläge. ✓ ja, ~ vielleicht, ✗ nein, – noch nicht abgestimmt. ★ bester Termin."),
            new XElement(Svg + "rect", new XAttribute("width", width), new XAttribute("height", height), new XAttribute("fill", "#ffffff")),
            Text(10, 22, $"Terminabstimmung: {meeting.Title}", bold: true, size: 16));
        for (var c = 0; c < slots.Count; c++)
        {
            var x = NameWidth + (c * ColumnWidth);
            var local = Zones.ToLocal(slots[c].Slot.StartsAt, meeting.TimeZone);
            var end = Zones.ToLocal(slots[c].Slot.EndsAt, meeting.TimeZone);
            var isBest = slots[c].Slot.Id == best;
            root.Add(Text(x + 6, HeaderHeight - 24, (isBest ? "★ " : string.Empty) + local.ToString("ddd dd.MM.yyyy", culture), bold: isBest));
            root.Add(Text(x + 6, HeaderHeight - 8, $"{local:HH\\:mm}–{end:HH\\:mm}"));
            if (isBest)
            {
                root.Add(new XElement(Svg + "rect",
                    new XAttribute("class", "best"), new XAttribute("x", x + 1), new XAttribute("y", HeaderHeight - 42), new XAttribute("width", ColumnWidth - 2),
                    new XAttribute("height", ((ballots.Count + 1) * RowHeight) + 46), new XAttribute("fill", "none"),
                    new XAttribute("stroke", "#1a1a1a"), new XAttribute("stroke-width", 3)));
            }
        }

        for (var r = 0; r < ballots.Count; r++)
        {
            var y = HeaderHeight + (r * RowHeight);
            var ballot = ballots[r];
            root.Add(Text(10, y + 19, ballot.Kind == PollBallotKind.Host ? $"{ballot.MailRecipient.Name} (Gastgeber)" : ballot.MailRecipient.Name));
            var answers = ballot.Answers;
            for (var c = 0; c < slots.Count; c++)
            {
                var answer = answers.TryGetValue(slots[c].Slot.Id, out var a) ? a : (PollAnswer?)null;
                var (fill, symbol, word) = Look(answer);
                var x = NameWidth + (c * ColumnWidth);
                root.Add(new XElement(Svg + "rect",
                    new XAttribute("x", x + 4), new XAttribute("y", y + 3), new XAttribute("width", ColumnWidth - 8), new XAttribute("height", RowHeight - 6),
                    new XAttribute("fill", fill), new XAttribute("rx", 3)));
                root.Add(new XElement(Svg + "text",
                    new XAttribute("x", x + (ColumnWidth / 2)), new XAttribute("y", y + 19), new XAttribute("text-anchor", "middle"),
                    new XAttribute("class", "answer"), new XAttribute("aria-label", word), new XAttribute("fill", "#000000"), symbol));
            }
        }

        var total = HeaderHeight + (ballots.Count * RowHeight);
        root.Add(Text(10, total + 19, "Summe ✓ / ~ / ✗", bold: true));
        for (var c = 0; c < slots.Count; c++)
        {
            var t = slots[c];
            root.Add(Text(NameWidth + (c * ColumnWidth) + 6, total + 19, $"{t.Yes} / {t.Maybe} / {t.No}", bold: true));
            root.Add(Text(NameWidth + (c * ColumnWidth) + 6, total + 19 + RowHeight, t.HostsAvailable ? "Gastgeber: ja" : "Gastgeber: nein"));
        }

        root.Add(Text(10, height - 14, "✓ ja   ~ vielleicht   ✗ nein   – offen   ★ bester Termin"));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root.ToString(SaveOptions.DisableFormatting);
    }

    private static (string Fill, string Symbol, string Word) Look(PollAnswer? answer) => answer switch
    {
        PollAnswer.Yes => ("#b7e4c7", "✓", "ja"),
        PollAnswer.Maybe => ("#ffe8a3", "~", "vielleicht"),
        PollAnswer.No => ("#f5c2c0", "✗", "nein"),
        _ => ("#eeeeee", "–", "offen"),
    };

    private static XElement Text(int x, int y, string value, bool bold = false, int? size = null)
    {
        var text = new XElement(Svg + "text", new XAttribute("x", x), new XAttribute("y", y), new XAttribute("fill", "#000000"), value);
        if (bold)
        {
            text.Add(new XAttribute("font-weight", "bold"));
        }

        if (size is { } s)
        {
            text.Add(new XAttribute("font-size", s));
        }

        return text;
    }
}
