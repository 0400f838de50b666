using MediatR;
using Meetings.Api.Common;
using Meetings.Api.Features.Feedback;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Meetings.Api.Pages.Answers;

/// <summary>
/// The feedback part of the answer page: shown once the meeting is completed. The form is posted to
/// <c>/rsvp/{token}/feedback</c> and follows exactly the rules of <c>PUT /api/rsvp/{token}/feedback</c>; a saved feedback
/// answers 303 to the page (which thanks in words), a refused one shows the page again with 403, 409 or 422, the form as sent.
/// </summary>
public sealed partial class AnswerModel
{
    /// <summary>The feedback behind the link, once the meeting is completed (null before).</summary>
    public FeedbackState? FeedbackView { get; private set; }

    [BindProperty]
    public FeedbackForm Feedback { get; set; } = new();

    /// <summary>Why the feedback just posted was not saved, in words.</summary>
    public string? FeedbackRefusal { get; private set; }

    public IReadOnlyDictionary<string, string> FeedbackErrors { get; private set; } = new Dictionary<string, string>();

    /// <summary>The page comes right after this browser saved its feedback.</summary>
    [TempData]
    public bool FeedbackSaved { get; set; }

    /// <summary>The form's address opened by a GET (a link, a reload): the page itself.</summary>
    public IActionResult OnGetFeedback(string token) => Redirect(AnswerLinks.Page(token, Culture) + "#feedback");

    public async Task<IActionResult> OnPostFeedbackAsync(string token, [FromServices] IMediator mediator, [FromServices] IAntiforgery antiforgery, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return await FeedbackRefused(mediator, token, StatusCodes.Status400BadRequest, PageText.FormExpired, ct);
        }

        var input = Feedback.ToInput(out var talkOfItem);
        try
        {
            await mediator.Send(new GiveFeedback(token, input), ct);
        }
        catch (Exception e) when (ProblemDetailsSetup.ForDomain(e) is { Status: { } status } problem)
        {
            // The API's mapping (Common/ProblemDetailsSetup.ForDomain): the same input, the same status, here in words.
            switch (problem)
            {
                case { Status: StatusCodes.Status404NotFound }:
                    return Unknown();
                case ValidationProblemDetails invalid:
                    FeedbackErrors = FeedbackForm.Explain(invalid.Errors, talkOfItem);
                    return await FeedbackRefused(mediator, token, status, PageText.FixFields, ct);
                default:
                    return await FeedbackRefused(mediator, token, status, null, ct);
            }
        }

        FeedbackSaved = true;
        Response.Headers.Location = AnswerLinks.Page(token, Culture) + "#feedback";
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>After the page's view is loaded: the feedback part, for a completed meeting.</summary>
    private async Task LoadFeedback(IMediator mediator, string token, CancellationToken ct)
    {
        FeedbackView = View?.Meeting.Status == Domain.Meetings.MeetingStatus.Completed
            ? await mediator.Send(new GetOwnFeedback(token), ct)
            : null;
    }

    /// <summary>The page again with the refusal in words and the feedback form as it was sent.</summary>
    private async Task<IActionResult> FeedbackRefused(IMediator mediator, string token, int status, string? words, CancellationToken ct)
    {
        if (!await Load(token, ct))
        {
            return Unknown();
        }

        FeedbackRefusal = words ?? (FeedbackView?.Closed is { } closed ? FeedbackTexts.Closed(closed, FeedbackView, Culture) : PageText.FeedbackNone);
        Response.StatusCode = status;
        return Page();
    }
}
