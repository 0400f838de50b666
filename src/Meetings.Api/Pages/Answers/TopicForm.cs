using System.Globalization;
using Meetings.Api.Features.Topics;
using Meetings.Domain.Topics;

namespace Meetings.Api.Pages.Answers;

/// <summary>
/// The "Thema anmelden" form of a head's answer page, as posted (form-encoded) to <c>/rsvp/{token}/topics</c>: it follows
/// exactly the rules of <c>POST /api/rsvp/{token}/topics</c>; a refused field is explained in words next to it.
/// </summary>
public sealed class TopicForm
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? RequestedMinutes { get; set; }
    public bool DecisionNeeded { get; set; }
    public string? PresenterName { get; set; }
    public string? PresenterEmail { get; set; }

    /// <summary>The body the API takes; minutes that are no number are sent as none (and refused as missing).</summary>
    public TopicBody ToBody() => new()
    {
        Title = Title,
        Description = Description,
        RequestedMinutes = int.TryParse(RequestedMinutes, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ? minutes : null,
        DecisionNeeded = DecisionNeeded,
        Presenter = string.IsNullOrWhiteSpace(PresenterName) && string.IsNullOrWhiteSpace(PresenterEmail)
            ? null
            : new TopicPresenterBody { Name = PresenterName, Email = PresenterEmail },
    };

    /// <summary>The refused fields of the API's validation problem, as the form names them, in words.</summary>
    public static IReadOnlyDictionary<string, string> Explain(IDictionary<string, string[]> errors, CultureInfo culture)
    {
        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in errors.Keys)
        {
            var (name, text) = field switch
            {
                "title" => ("Title", PageText.TopicErrorTitle),
                "description" => ("Description", PageText.TopicErrorDescription),
                "requestedMinutes" => ("RequestedMinutes", string.Format(culture, PageText.TopicErrorMinutes, Topic.MinMinutes, Topic.MaxMinutes)),
                "presenter.name" => ("PresenterName", PageText.TopicErrorPresenterName),
                "presenter.email" => ("PresenterEmail", PageText.TopicErrorPresenterEmail),
                _ => ("Title", PageText.ErrorOther),
            };
            words.TryAdd(name, text);
        }

        return words;
    }

    /// <summary>The form's address: <c>/rsvp/{token}/topics?lang=</c> in the page's language (<see cref="AnswerLinks.Page"/>).</summary>
    public static string PostTo(string token, CultureInfo culture) => AnswerLinks.Page(token, culture, "topics");

    /// <summary>A topic's status in words.</summary>
    public static string Status(TopicStatus status) => status switch
    {
        TopicStatus.Proposed => PageText.TopicStatusProposed,
        TopicStatus.Accepted => PageText.TopicStatusAccepted,
        TopicStatus.Declined => PageText.TopicStatusDeclined,
        _ => PageText.TopicStatusWithdrawn,
    };
}
