using System.Xml;
using Meetings.Domain.Common;

namespace Meetings.Domain.Meetings;

/// <summary>
/// When reminders go out: <see cref="Offsets"/> before the start, to every invitee who has not declined;
/// the <see cref="Nudge"/> before the RSVP deadline, to pending invitees only. ISO 8601 durations.
/// </summary>
public sealed record ReminderPlan(IReadOnlyList<TimeSpan> Offsets, TimeSpan? Nudge)
{
    public const int MaxOffsets = 10;

    /// <summary>Room for <see cref="MaxOffsets"/> offsets as stored ("P7D,P1D,…").</summary>
    public const int StoredOffsetsMaxLength = 200;

    public const int StoredNudgeMaxLength = 20;
    public static readonly ReminderPlan Default = new([TimeSpan.FromDays(7), TimeSpan.FromDays(1)], TimeSpan.FromDays(2));

    public static string Iso(TimeSpan value) => XmlConvert.ToString(value);

    /// <summary>An ISO 8601 duration as <see cref="Iso"/> writes it.</summary>
    public static TimeSpan ParseIso(string value) => XmlConvert.ToTimeSpan(value);

    public static ReminderPlan Parse(IReadOnlyList<string?>? offsets, string? nudge)
    {
        var errors = new ValidationErrors();
        var parsed = new List<TimeSpan>();
        var list = offsets ?? [];
        if (list.Count > MaxOffsets)
        {
            errors.Add("offsets", $"may name at most {MaxOffsets} reminders.");
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (Duration(list[i]) is { } offset)
            {
                parsed.Add(offset);
            }
            else
            {
                errors.Add($"offsets[{i}]", "must be an ISO 8601 duration between PT5M and P365D, e.g. P7D or PT2H.");
            }
        }

        if (parsed.Distinct().Count() != parsed.Count)
        {
            errors.Add("offsets", "must not name the same offset twice.");
        }

        TimeSpan? validNudge = null;
        if (!string.IsNullOrWhiteSpace(nudge))
        {
            validNudge = Duration(nudge);
            if (validNudge is null)
            {
                errors.Add("rsvpNudge", "must be an ISO 8601 duration between PT5M and P365D, e.g. P2D.");
            }
        }

        errors.ThrowIfAny();
        return new ReminderPlan(parsed.OrderByDescending(o => o).ToList(), validNudge);
    }

    /// <summary>Stored form: "P7D,P1D".</summary>
    public string OffsetsText => string.Join(',', Offsets.Select(Iso));

    public static ReminderPlan FromStored(string offsets, string? nudge) => new(
        offsets.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseIso).ToList(),
        string.IsNullOrEmpty(nudge) ? null : ParseIso(nudge));

    private static TimeSpan? Duration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !text.StartsWith('P'))
        {
            return null;
        }

        try
        {
            var value = XmlConvert.ToTimeSpan(text.Trim());
            return value >= TimeSpan.FromMinutes(5) && value <= TimeSpan.FromDays(365) ? value : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
