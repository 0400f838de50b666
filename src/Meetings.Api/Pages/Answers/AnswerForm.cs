using Meetings.Api.Features.AnswerPage;
using Meetings.Domain.Meetings;

namespace Meetings.Api.Pages.Answers;

/// <summary>The answer form as posted (form-encoded) and as shown again.</summary>
public sealed class AnswerForm
{
    /// <summary><c>accepted</c>, <c>declined</c>, <c>tentative</c>, <c>deputy</c> or <c>other</c>.</summary>
    public string? Choice { get; set; }

    public string? DelegateName { get; set; }

    public string? DelegateEmail { get; set; }

    public string? Comment { get; set; }

    public PageChoice? ParsedChoice => ChoiceOf(Choice);

    public static PageChoice? ChoiceOf(string? value) =>
        Enum.TryParse<PageChoice>(value, ignoreCase: true, out var choice) && Enum.IsDefined(choice) ? choice : null;

    /// <summary>The form for a GET: the current answer checked, or the choice the link preselects (nothing is recorded).</summary>
    public static AnswerForm Showing(AnswerPageView view, string? preselected)
    {
        var current = view.Status switch
        {
            AnswerStatus.Accepted => PageChoice.Accepted,
            AnswerStatus.Declined => PageChoice.Declined,
            AnswerStatus.Tentative => PageChoice.Tentative,
            AnswerStatus.Delegated when view.Deputy is { } deputy && view.Delegate?.Email == deputy.Email => PageChoice.Deputy,
            AnswerStatus.Delegated => PageChoice.Other,
            _ => (PageChoice?)null,
        };
        var choice = ChoiceOf(preselected) is { } asked && (asked != PageChoice.Deputy || view.Deputy is not null) ? asked : current;
        return new AnswerForm
        {
            Choice = choice?.ToString().ToLowerInvariant(),
            DelegateName = choice == PageChoice.Other ? view.Delegate?.Name : null,
            DelegateEmail = choice == PageChoice.Other ? view.Delegate?.Email : null,
            Comment = view.Comment,
        };
    }

    /// <summary>
    /// The rules' field errors as the form's fields and words; with 422 the address is well formed but one the service
    /// sends no mail to (<see cref="RecipientNotAllowedException"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Explain(IDictionary<string, string[]> errors, int status)
    {
        var fields = new Dictionary<string, string>();
        foreach (var field in errors.Keys)
        {
            var (name, words) = field switch
            {
                "status" => (nameof(Choice), PageText.ErrorChoice),
                "delegate" => (nameof(Choice), PageText.ErrorDelegate),
                "delegate.name" => (nameof(DelegateName), PageText.ErrorDelegateName),
                "delegate.email" when status == StatusCodes.Status422UnprocessableEntity => (nameof(DelegateEmail), PageText.ErrorDelegateNotAllowed),
                "delegate.email" => (nameof(DelegateEmail), PageText.ErrorDelegateEmail),
                "comment" => (nameof(Comment), PageText.ErrorComment),
                _ => (nameof(Choice), PageText.ErrorOther),
            };
            fields.TryAdd(name, words);
        }

        return fields;
    }
}
