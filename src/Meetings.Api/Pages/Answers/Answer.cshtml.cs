using System.Globalization;
using MediatR;
using Meetings.Api.Common;
using Meetings.Api.Features.AnswerPage;
using Meetings.Domain.Common;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Meetings.Api.Pages.Answers;

/// <summary>
/// The personal answer page behind the link in every mail: the meeting and the answer form. A GET never changes anything
/// (mail gateways open every link); a query may preselect a choice. The form is posted to the same address and follows
/// exactly the rules of <c>PUT /api/rsvp/{token}</c>; a saved answer answers 303 to the page, a refused one shows the
/// page again in words, with 409 or 422, keeping what was entered.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.PersonalLink)]
[IgnoreAntiforgeryToken] // checked below, so that an expired form is explained on the page instead of an empty 400
public sealed partial class AnswerModel(IMediator mediator, IAntiforgery antiforgery) : PageModel
{
    public AnswerPageView? View { get; private set; }

    [BindProperty]
    public AnswerForm Form { get; set; } = new();

    /// <summary>Why the answer just posted was not saved, in words.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The form's fields that were refused, with what to do about them.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; private set; } = new Dictionary<string, string>();

    /// <summary>Too many unknown links came from this address lately (<see cref="RateLimits.CountUnknownToken"/>): a 429 page.</summary>
    public bool TooManyGuesses { get; private set; }

    /// <summary>The page comes right after this browser saved an answer (told by TempData, never by the address).</summary>
    [TempData]
    public bool Saved { get; set; }

    public CultureInfo Culture => CultureInfo.CurrentUICulture;

    /// <summary>"Alle Termine abonnieren": the holder's personal feed, when they are a person of the directory.</summary>
    public Features.Feeds.PersonalFeedLinks? Feed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, string? choice, CancellationToken ct)
    {
        if (!await Load(token, ct))
        {
            return Unknown();
        }

        if (View is null)
        {
            return Page(); // a call's own link: the topics only
        }

        Form = AnswerForm.Showing(View, choice);
        Feedback = FeedbackView is null ? Feedback : FeedbackForm.Showing(FeedbackView);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return await Refused(token, StatusCodes.Status400BadRequest, PageText.FormExpired, ct);
        }

        try
        {
            await mediator.Send(new AnswerByPage(token, Form.ParsedChoice, Form.DelegateName, Form.DelegateEmail, Form.Comment), ct);
        }
        catch (Exception e) when (ProblemDetailsSetup.ForDomain(e) is { Status: { } status } problem)
        {
            // The API's mapping (Common/ProblemDetailsSetup.ForDomain): the same input, the same status, here in words.
            switch (problem)
            {
                case { Status: StatusCodes.Status404NotFound }:
                    return Unknown();
                case ValidationProblemDetails invalid:
                    FieldErrors = AnswerForm.Explain(invalid.Errors, status);
                    return await Refused(token, status, PageText.FixFields, ct);
                case { Status: StatusCodes.Status403Forbidden }:
                    return await Refused(token, status, null, ct); // a delegate's own link: see Refused
                default:
                    return await Refused(token, status, null, ct, problem.Detail);
            }
        }

        Saved = true;
        Response.Headers.Location = AnswerLinks.Page(token, Culture);
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    private async Task<bool> Load(string token, CancellationToken ct)
    {
        try
        {
            View = await mediator.Send(new GetAnswerPage(token), ct);
            Feed = await mediator.Send(new Features.Feeds.GetPersonalFeed(View.Holder.Email), ct);
            await LoadFeedback(mediator, token, ct);
            await LoadTopics(mediator, ct);
            return true;
        }
        catch (NotFoundException)
        {
            return await LoadCallPage(mediator, token, ct);
        }
    }

    /// <summary>The page again with the refusal in words and the form as it was sent.</summary>
    private async Task<IActionResult> Refused(string token, int status, string? words, CancellationToken ct, string? detail = null)
    {
        if (!await Load(token, ct) || View is null)
        {
            return Unknown();
        }

        Refusal = words
                  ?? (View!.ForDelegate ? string.Format(Culture, PageText.DelegateAsk, View.Invitee.Name)
                      : View.Closed is { } closed ? AnswerTexts.Closed(closed)
                      : string.Format(Culture, PageText.Refused, detail));
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>A link that is not (or no longer) valid: a 404 page that says only that.</summary>
    private PageResult Unknown()
    {
        View = null;
        TooManyGuesses = !RateLimits.CountUnknownToken(HttpContext);
        Response.StatusCode = TooManyGuesses ? StatusCodes.Status429TooManyRequests : StatusCodes.Status404NotFound;
        return Page();
    }
}
