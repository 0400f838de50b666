using Meetings.Domain.Meetings;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>To the series' organizer: a year is at risk (not enough meetings published for the rest of it) or was missed.</summary>
internal static class CadenceLetters
{
    public static Letter Of(MailContent content)
    {
        var (series, year) = (content.SeriesName ?? "Terminreihe", content.Cadence!);
        var missed = year.Status == CadenceStatus.Missed;
        var subject = missed
            ? $"Turnus verfehlt: {series} {year.Year} – {year.Held} von {year.Required} Treffen"
            : $"Turnus gefährdet: {series} {year.Year} – {year.Held + year.Planned} von {year.Required} Treffen";
        var lines = new List<string>
        {
            "Guten Tag,",
            string.Empty,
            missed
                ? $"die Terminreihe „{series}“ hat im Jahr {year.Year} weniger Treffen abgehalten als vorgesehen."
                : $"für die Terminreihe „{series}“ sind im Jahr {year.Year} nicht genug Treffen veröffentlicht, um das Minimum zu erreichen.",
            string.Empty,
            $"Erforderlich: {year.Required}",
            $"Abgehalten: {year.Held}",
            $"Veröffentlicht und noch geplant: {year.Planned}",
            $"Abgesagt (zählen nicht): {year.Cancelled}",
        };
        if (!missed)
        {
            lines.Add(string.Empty);
            var missing = year.Required - year.Held - year.Planned;
            lines.Add($"Bitte planen und veröffentlichen Sie {(missing == 1 ? "ein weiteres Treffen" : $"{missing} weitere Treffen")} in diesem Jahr.");
        }

        return new Letter(subject, lines);
    }
}
