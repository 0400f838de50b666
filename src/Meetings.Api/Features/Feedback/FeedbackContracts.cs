using Meetings.Domain.Feedback;

namespace Meetings.Api.Features.Feedback;

/// <summary>One attendee's feedback on a meeting: the meeting's rating, the talks' ratings and a comment. The whole feedback: a talk left out is not rated.</summary>
public sealed record FeedbackBody
{
    /// <summary>The meeting, from 0 to 5 stars (whole numbers).</summary>
    /// <example>4</example>
    public int? Rating { get; init; }

    /// <summary>Ratings of talks (agenda items of kind <c>talk</c> of this meeting), each at most once.</summary>
    public IReadOnlyList<FeedbackItemBody?>? Items { get; init; }

    /// <summary>A comment for the office (several lines; at most 2000 characters). The office reads it without a name.</summary>
    /// <example>Gern mehr Zeit für die Aussprache.</example>
    public string? Comment { get; init; }

    public FeedbackInput ToInput() => new(Rating, Items?.Select(i => i is null ? null! : new TalkRatingInput(i.AgendaItemId, i.Rating)).ToList(), Comment);
}

/// <summary>The rating of one talk.</summary>
public sealed record FeedbackItemBody
{
    /// <summary>An agenda item of kind <c>talk</c> of this meeting.</summary>
    public Guid? AgendaItemId { get; init; }

    /// <summary>From 0 to 5 stars (whole numbers).</summary>
    /// <example>5</example>
    public int? Rating { get; init; }
}

/// <summary>A talk's rating within one's own feedback.</summary>
public sealed record FeedbackItemResponse(Guid AgendaItemId, int Rating);

/// <summary>A talk that can be rated.</summary>
public sealed record FeedbackTalk(Guid AgendaItemId, string Title, string? Presenter);

/// <summary>One's own feedback as given.</summary>
public sealed record GivenFeedback(int Rating, IReadOnlyList<FeedbackItemResponse> Items, string? Comment)
{
    public static GivenFeedback From(FeedbackEntry entry) =>
        new(entry.Rating, entry.Talks.Select(t => new FeedbackItemResponse(t.AgendaItemId, t.Rating)).OrderBy(t => t.AgendaItemId).ToList(), entry.Comment);
}

/// <summary>
/// Feedback behind a personal link: whether it is taken now (and if not, why not, in words), until when, the talks to rate,
/// and the feedback this link has given (null: none yet). Only the holder of the link sees their own feedback.
/// </summary>
/// <param name="Open">Feedback is taken now through this link (the meeting completed, within 14 days of its end, the holder attended).</param>
/// <param name="WhyNot">Why not, in words, when <paramref name="Open"/> is false.</param>
/// <param name="ClosesAt">Until when feedback is taken and can be changed: 14 days after the meeting's end.</param>
public sealed record OwnFeedbackResponse(bool Open, string? WhyNot, DateTimeOffset ClosesAt, IReadOnlyList<FeedbackTalk> Talks, GivenFeedback? Given);

/// <summary>The ratings of one talk, summed up.</summary>
/// <param name="Average">Mean of the ratings, rounded to 2 decimals; null (left out) when nobody rated it.</param>
public sealed record TalkFeedbackSummary(Guid AgendaItemId, string Title, int Responses, decimal? Average);

/// <summary>
/// The feedback on a meeting, summed up: nothing in it tells who gave which rating. Comments come without names, in a
/// fresh random order on every read.
/// </summary>
/// <param name="Invited">Open invitations of the meeting.</param>
/// <param name="Attended">Invitations recorded as attended: those asked for feedback.</param>
/// <param name="Responses">Feedback given.</param>
/// <param name="Average">Mean of the meeting's ratings, rounded to 2 decimals (half away from zero); null (left out) when there is none.</param>
/// <param name="Distribution">Six counts: index n counts the ratings of n stars (0–5).</param>
/// <param name="Open">Feedback is still taken (until <paramref name="ClosesAt"/>).</param>
public sealed record MeetingFeedbackResponse(
    Guid MeetingId, int Invited, int Attended, int Responses, decimal? Average, IReadOnlyList<int> Distribution,
    IReadOnlyList<TalkFeedbackSummary> Items, IReadOnlyList<string> Comments, bool Open, DateTimeOffset ClosesAt);

/// <summary>
/// The feedback on a guest speaker's talk, summed up, for the speaker's partner city (and the office). No comments: those
/// are the office's.
/// </summary>
/// <param name="Responses">Ratings given to the speaker's talk(s).</param>
/// <param name="Average">Mean of those ratings, rounded to 2 decimals; null (left out) when there is none.</param>
/// <param name="Distribution">Six counts: index n counts the ratings of n stars (0–5).</param>
public sealed record SpeakerFeedbackResponse(
    Guid MeetingId, Guid SpeakerId, string TalkTitle, int Responses, decimal? Average, IReadOnlyList<int> Distribution,
    IReadOnlyList<TalkFeedbackSummary> Items);
