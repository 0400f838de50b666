using System.Globalization;
using Meetings.Api.Features.Feedback;
using Meetings.Domain.Feedback;

namespace Meetings.Api.Pages.Answers;

/// <summary>The feedback form as posted (form-encoded) and as shown again: the stars as text, parsed here, judged by the domain.</summary>
public sealed class FeedbackForm
{
    /// <summary>Value of a talk's "no rating" choice: the talk is left unrated.</summary>
    public const string NoRating = "none";

    /// <summary>The meeting's rating, 0 to 5.</summary>
    public string? Rating { get; set; }

    /// <summary>One entry per talk of the agenda, in agenda order.</summary>
    public List<FeedbackTalkField> Talks { get; set; } = [];

    public string? Comment { get; set; }

    /// <summary>The form for a GET: the feedback given so far, or an empty one.</summary>
    public static FeedbackForm Showing(FeedbackState state) => new()
    {
        Rating = state.Entry?.Rating.ToString(CultureInfo.InvariantCulture),
        Talks = state.Talks.Select(t => new FeedbackTalkField
        {
            AgendaItemId = t.AgendaItemId.ToString(),
            Rating = state.Entry?.Talks.FirstOrDefault(r => r.AgendaItemId == t.AgendaItemId)?.Rating.ToString(CultureInfo.InvariantCulture) ?? NoRating,
        }).ToList(),
        Comment = state.Entry?.Comment,
    };

    /// <summary>What was posted, as the domain reads it; <paramref name="talkOfItem"/> maps the n-th item to the form's talk field.</summary>
    public FeedbackInput ToInput(out List<int> talkOfItem)
    {
        talkOfItem = [];
        var items = new List<TalkRatingInput>();
        for (var n = 0; n < Talks.Count; n++)
        {
            var talk = Talks[n];
            if (string.IsNullOrEmpty(talk.Rating) || talk.Rating == NoRating)
            {
                continue;
            }

            items.Add(new TalkRatingInput(Guid.TryParse(talk.AgendaItemId, out var id) ? id : null, Stars(talk.Rating)));
            talkOfItem.Add(n);
        }

        return new FeedbackInput(string.IsNullOrEmpty(Rating) ? null : Stars(Rating), items, Comment);
    }

    /// <summary>The rules' field errors as the form's fields (Rating, Talk0…, Comment) and words.</summary>
    public static IReadOnlyDictionary<string, string> Explain(IDictionary<string, string[]> errors, IReadOnlyList<int> talkOfItem)
    {
        var fields = new Dictionary<string, string>();
        foreach (var field in errors.Keys)
        {
            var (name, words) = field switch
            {
                "rating" => (nameof(Rating), PageText.FeedbackErrorRating),
                "comment" => (nameof(Comment), PageText.FeedbackErrorComment),
                _ when field.StartsWith("items[", StringComparison.Ordinal)
                       && int.TryParse(field.AsSpan(6, field.IndexOf(']', StringComparison.Ordinal) - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                       && n < talkOfItem.Count => (TalkField(talkOfItem[n]), PageText.FeedbackErrorTalk),
                _ => (nameof(Rating), PageText.FeedbackErrorTalk),
            };
            fields.TryAdd(name, words);
        }

        return fields;
    }

    public static string TalkField(int n) => $"Talk{n.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A posted number of stars; anything but a whole number is out of range, so the rules refuse it in words.</summary>
    private static int Stars(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var stars) ? stars : int.MinValue;
}

/// <summary>One talk's rating in the form.</summary>
public sealed class FeedbackTalkField
{
    public string? AgendaItemId { get; set; }

    /// <summary>0 to 5, or <see cref="FeedbackForm.NoRating"/>.</summary>
    public string? Rating { get; set; }
}

/// <summary>How the page words the feedback part.</summary>
public static class FeedbackTexts
{
    public static string Closed(FeedbackRefusal closed, FeedbackState state, CultureInfo culture) => closed switch
    {
        FeedbackRefusal.NotAttended => PageText.FeedbackNotAttended,
        FeedbackRefusal.DelegateAttended => PageText.FeedbackDelegateAttended,
        FeedbackRefusal.Over => string.Format(culture, PageText.FeedbackOver, Until(state, culture)),
        FeedbackRefusal.NotYet => PageText.FeedbackNotYet,
        _ => PageText.FeedbackNone,
    };

    /// <summary>"Donnerstag, 22. Oktober 2026, 17:00 Uhr": when feedback closes, in the meeting's zone.</summary>
    public static string Until(FeedbackState state, CultureInfo culture) =>
        Domain.Common.Zones.ToLocal(state.ClosesAt, state.Meeting.TimeZone).ToString(PageText.DateTimeFormat, culture);

    /// <summary>"3 Sterne", "1 Stern".</summary>
    public static string Stars(int n, CultureInfo culture) => n == 1 ? PageText.FeedbackOneStar : string.Format(culture, PageText.FeedbackStars, n);

    /// <summary>The stars drawn: n filled of five.</summary>
    public static string Drawn(int n) => new string('★', n) + new string('☆', FeedbackEntry.MaxRating - n);

    /// <summary>Where the feedback form is posted.</summary>
    public static string PostTo(string token, CultureInfo culture) =>
        AnswerLinks.Page(token, culture, "feedback");
}
