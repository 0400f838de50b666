using Meetings.Domain.Mail;

namespace Meetings.Domain.Meetings;

/// <summary>
/// What a ledger row is about, as it stands when the row is about to go out (loaded per dispatch batch): its
/// meeting (with the agenda), invitation, speaker, series and — for a cadence alert — the series' meetings,
/// whether the recipient of a cancellation had been sent the invitation or an update, and what an area's own rule
/// needs beyond that (<see cref="Area"/>, e.g. the minutes and tasks of a results mail).
/// </summary>
public sealed record DeliveryFacts(
    Meeting? Meeting,
    Invitation? Invitation,
    Speaker? Speaker,
    Series? Series,
    IReadOnlyCollection<(DateTimeOffset StartsAt, MeetingStatus Status)> SeriesMeetings,
    bool RecipientWasInvited,
    object? Area = null)
{
    /// <summary>The area's own facts of the row, if they are of type <typeparamref name="T"/>.</summary>
    public T? AreaFacts<T>()
        where T : class => Area as T;

    /// <summary>The year of a cadence alert as it stands at <paramref name="now"/>.</summary>
    public CadenceYear? CadenceNow(Delivery row, DateTimeOffset now) =>
        row.Occasion is Occasion.CadenceOccasion alert && Series is { } series
            ? Cadence.Report(series, SeriesMeetings, alert.Year, alert.Year, now).Single()
            : null;
}
