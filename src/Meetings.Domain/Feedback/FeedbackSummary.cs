namespace Meetings.Domain.Feedback;

/// <summary>The ratings of many, summed up: how many, their average, and how many gave each number of stars.</summary>
/// <param name="Average">Rounded to 2 decimals (half away from zero); null when nobody rated.</param>
/// <param name="Distribution">Six counts: index n counts the ratings of n stars (0–5).</param>
public sealed record RatingSummary(int Responses, decimal? Average, IReadOnlyList<int> Distribution);

/// <summary>
/// Aggregates of feedback: nothing in them tells who gave which rating. Averages are the arithmetic mean rounded to
/// <see cref="Decimals"/> decimals, half away from zero (3.125 → 3.13), and null when there is no rating.
/// </summary>
public static class FeedbackSummary
{
    public const int Decimals = 2;

    public static RatingSummary Of(IEnumerable<int> ratings)
    {
        var distribution = new int[FeedbackEntry.MaxRating + 1];
        var (count, sum) = (0, 0);
        foreach (var rating in ratings)
        {
            if (rating is < FeedbackEntry.MinRating or > FeedbackEntry.MaxRating)
            {
                throw new ArgumentOutOfRangeException(nameof(ratings), rating, "A rating is 0 to 5 stars.");
            }

            distribution[rating]++;
            count++;
            sum += rating;
        }

        return new RatingSummary(count, Average(sum, count), distribution);
    }

    public static decimal? Average(int sum, int count) =>
        count == 0 ? null : Math.Round((decimal)sum / count, Decimals, MidpointRounding.AwayFromZero);

    /// <summary>The ratings given to <paramref name="agendaItemIds"/> (a talk, or all talks of one speaker) over all feedback.</summary>
    public static RatingSummary OfTalks(IEnumerable<FeedbackEntry> entries, IReadOnlySet<Guid> agendaItemIds) =>
        Of(entries.SelectMany(e => e.Talks).Where(t => agendaItemIds.Contains(t.AgendaItemId)).Select(t => t.Rating));

    /// <summary>The comments in a fresh random order (never the order they were given or stored in).</summary>
    public static IReadOnlyList<string> Comments(IEnumerable<FeedbackEntry> entries, Random random)
    {
        var comments = entries.Select(e => e.Comment).OfType<string>().ToArray();
        random.Shuffle(comments);
        return comments;
    }
}
