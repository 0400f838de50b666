using Meetings.Domain.Common;
using Meetings.Domain.Meetings;

namespace Meetings.Domain.Feedback;

/// <summary>What a feedback says, as a channel brings it (JSON or the answer page's form).</summary>
public sealed record FeedbackInput(int? Rating, IReadOnlyList<TalkRatingInput>? Items, string? Comment);

/// <summary>The rating of one talk, as it arrives.</summary>
public sealed record TalkRatingInput(Guid? AgendaItemId, int? Rating);

/// <summary>The rating of one talk (an agenda item of kind talk) within a feedback.</summary>
public sealed record TalkRating(Guid AgendaItemId, int Rating);

/// <summary>
/// One attendee's feedback on a meeting: a rating of the meeting (0–5 stars), ratings of its talks and a comment. Given in
/// confidence, so it carries no link to a person: it is kept under a <see cref="Pseudonym"/> — a one-way value that the
/// service derives from the invitation with a secret of its own, so that the same attendee finds (and changes) their
/// feedback again, while nothing stored with the feedback names the invitation or the person, and no time is kept.
/// </summary>
public sealed class FeedbackEntry
{
    public const int MinRating = 0;
    public const int MaxRating = 5;
    public const int CommentMaxLength = 2000;
    public const int PseudonymMaxLength = 64;

    private readonly List<TalkRating> _talks = [];

    private FeedbackEntry()
    {
        Pseudonym = string.Empty;
    }

    public string Pseudonym { get; private set; }
    public Guid MeetingId { get; private set; }
    public int Rating { get; private set; }
    public string? Comment { get; private set; }

    public IReadOnlyCollection<TalkRating> Talks => _talks;

    /// <summary>A first feedback under <paramref name="pseudonym"/>; the caller has checked that the link may give it (<see cref="FeedbackRules.WhyNotFor"/>).</summary>
    public static FeedbackEntry Give(Meeting meeting, string pseudonym, FeedbackInput input, DateTimeOffset now, Invitation? giver = null)
    {
        if (pseudonym.Length is 0 or > PseudonymMaxLength)
        {
            throw new ArgumentException($"A pseudonym has 1 to {PseudonymMaxLength} characters.", nameof(pseudonym));
        }

        var (rating, talks, comment) = Validate(meeting, input, giver);
        EnsureOpen(meeting, now);
        var entry = new FeedbackEntry { Pseudonym = pseudonym, MeetingId = meeting.Id, Rating = rating, Comment = comment };
        entry._talks.AddRange(talks);
        return entry;
    }

    /// <summary>
    /// Replaces the feedback with <paramref name="input"/> (the whole of it: a talk left out is no longer rated). Ratings are
    /// whole numbers from 0 to 5; items must be talks of this meeting, each at most once; 409 outside the feedback window.
    /// Returns whether anything changed (giving the same feedback again changes nothing).
    /// </summary>
    public bool Change(Meeting meeting, FeedbackInput input, DateTimeOffset now, Invitation? giver = null)
    {
        if (meeting.Id != MeetingId)
        {
            throw new ArgumentException("The feedback belongs to another meeting.", nameof(meeting));
        }

        var (rating, talks, comment) = Validate(meeting, input, giver);
        EnsureOpen(meeting, now);
        var sameTalks = talks.Count == _talks.Count && talks.All(_talks.Contains);
        if (rating == Rating && comment == Comment && sameTalks)
        {
            return false;
        }

        Rating = rating;
        Comment = comment;
        if (!sameTalks)
        {
            _talks.Clear();
            _talks.AddRange(talks);
        }

        return true;
    }

    /// <summary>
    /// The shape rules, with a field error for each: what a JSON client and the form both get. <paramref name="giver"/>: a
    /// speaker's invitation rates the other talks, not the speaker's own (<see cref="FeedbackRules.Talks"/>).
    /// </summary>
    public static (int Rating, List<TalkRating> Talks, string? Comment) Validate(Meeting meeting, FeedbackInput input, Invitation? giver = null)
    {
        var errors = new ValidationErrors();
        var rating = errors.Required("rating", input.Rating);
        CheckRange(errors, "rating", input.Rating);
        var talkIds = FeedbackRules.Talks(meeting, giver).Select(a => a.Id).ToHashSet();
        var ownTalks = FeedbackRules.Talks(meeting, null).Select(a => a.Id).Except(talkIds).ToHashSet();
        var talks = new List<TalkRating>();
        var items = input.Items ?? [];
        for (var n = 0; n < items.Count; n++)
        {
            var field = $"items[{n}]";
            if (items[n] is not { } item)
            {
                errors.Add(field, "must be an object with agendaItemId and rating.");
                continue;
            }

            var id = errors.Required($"{field}.agendaItemId", item.AgendaItemId);
            var talkRating = errors.Required($"{field}.rating", item.Rating);
            CheckRange(errors, $"{field}.rating", item.Rating);
            if (item.AgendaItemId is null)
            {
                continue;
            }

            if (ownTalks.Contains(id))
            {
                errors.Add($"{field}.agendaItemId", "is your own talk; rate the others.");
            }
            else if (!talkIds.Contains(id))
            {
                errors.Add($"{field}.agendaItemId", "must name a talk on this meeting's agenda.");
            }
            else if (talks.Any(t => t.AgendaItemId == id))
            {
                errors.Add($"{field}.agendaItemId", "rates a talk that is rated already; rate each talk at most once.");
            }
            else
            {
                talks.Add(new TalkRating(id, talkRating));
            }
        }

        var comment = errors.OptionalMultilineText("comment", input.Comment, CommentMaxLength);
        errors.ThrowIfAny();
        return (rating, talks, string.IsNullOrWhiteSpace(comment) ? null : comment);
    }

    private static void EnsureOpen(Meeting meeting, DateTimeOffset now)
    {
        if (FeedbackRules.WhyClosed(meeting, now) is { } closed)
        {
            throw new DomainException(closed);
        }
    }

    private static void CheckRange(ValidationErrors errors, string field, int? rating)
    {
        if (rating is < MinRating or > MaxRating)
        {
            errors.Add(field, $"must be a whole number from {MinRating} to {MaxRating}.");
        }
    }
}
