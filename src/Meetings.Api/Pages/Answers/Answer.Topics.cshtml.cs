using MediatR;
using Meetings.Api.Common;
using Meetings.Api.Features.Topics;
using Meetings.Domain.Common;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Meetings.Api.Pages.Answers;

/// <summary>
/// The topics part of a head's answer page: while the meeting's call for topics is open, the "Thema anmelden" form and the
/// department's proposals with their status. The form is posted to <c>/rsvp/{token}/topics</c> and follows exactly the
/// rules of <c>POST /api/rsvp/{token}/topics</c>; a saved topic answers 303 to the page (which confirms in words), a refused
/// one shows the page again with 400 or 409 and the form as sent.
/// </summary>
public sealed partial class AnswerModel
{
    /// <summary>The call and the department's topics behind a head's link (null: not a head's link, or no call).</summary>
    public LinkTopicsResponse? TopicsView { get; private set; }

    [BindProperty]
    public TopicForm Topic { get; set; } = new();

    /// <summary>Why the topic just posted was not saved, in words.</summary>
    public string? TopicRefusal { get; private set; }

    public IReadOnlyDictionary<string, string> TopicErrors { get; private set; } = new Dictionary<string, string>();

    /// <summary>Behind a call's own link (a draft meeting): the planned meeting and the topics, without the answer form.</summary>
    public TopicCallPageView? CallPage { get; private set; }

    /// <summary>The link the page is behind: an invitation's or a call's own.</summary>
    public string? LinkToken => View?.Token ?? CallPage?.Token;

    /// <summary>The meeting the page shows.</summary>
    public Features.AnswerPage.MeetingView? PageMeeting => View?.Meeting ?? CallPage?.Meeting;

    /// <summary>The page comes right after this browser proposed a topic.</summary>
    [TempData]
    public bool TopicSaved { get; set; }

    /// <summary>Whether the page shows the topics part: a head's link while a call is open, with topics to show, or a refusal to explain.</summary>
    public bool ShowsTopics => TopicsView is { Call: { } call } view && (call.Open || view.Items.Count > 0 || TopicRefusal is not null);

    /// <summary>The form's address opened by a GET (a link, a reload): the page itself.</summary>
    public IActionResult OnGetTopics(string token) => Redirect(AnswerLinks.Page(token, Culture) + "#topics");

    public async Task<IActionResult> OnPostTopicsAsync(string token, [FromServices] IMediator mediator, [FromServices] IAntiforgery antiforgery, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return await TopicRefused(token, StatusCodes.Status400BadRequest, PageText.FormExpired, ct);
        }

        try
        {
            await mediator.Send(new ProposeTopicByLink(token, Topic.ToBody()), ct);
        }
        catch (Exception e) when (ProblemDetailsSetup.ForDomain(e) is { Status: { } status } problem)
        {
            switch (problem)
            {
                case { Status: StatusCodes.Status404NotFound }:
                    return Unknown();
                case ValidationProblemDetails invalid:
                    TopicErrors = TopicForm.Explain(invalid.Errors, Culture);
                    return await TopicRefused(token, status, PageText.FixFields, ct);
                default:
                    // The refusal says why: the department's limit, else the call (or the meeting) takes no topics now.
                    return await TopicRefused(token, status, e is Domain.Topics.TopicLimitException ? PageText.TopicRefusedLimit : PageText.TopicRefusedClosed, ct);
            }
        }

        TopicSaved = true;
        Response.Headers.Location = AnswerLinks.Page(token, Culture) + "#topics";
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>A link that is not an invitation's may be a call's own (a draft meeting): that page, or false.</summary>
    private async Task<bool> LoadCallPage(IMediator mediator, string token, CancellationToken ct)
    {
        try
        {
            CallPage = await mediator.Send(new GetTopicCallPage(token), ct);
            TopicsView = CallPage.Topics;
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// After the page's view is loaded: the call and the department's topics, for a head's link (not a delegate's, not a
    /// withdrawn invitation), from what the view holds — the link is not resolved again.
    /// </summary>
    private async Task LoadTopics(IMediator mediator, CancellationToken ct) =>
        TopicsView = View is { ForDelegate: false, Withdrawn: false, DepartmentId: { } departmentId } view
            ? await mediator.Send(new TopicsOf(view.MeetingId, departmentId, view.Meeting.Status, view.Meeting.StartsAt), ct)
            : null;

    /// <summary>Behind a call's own link: how the meeting stands, in words (null: published and ahead, nothing to add).</summary>
    public string? CallPageStatus => CallPage?.Meeting.Status switch
    {
        null => null,
        Domain.Meetings.MeetingStatus.Cancelled => PageText.ClosedCancelled,
        Domain.Meetings.MeetingStatus.Completed => PageText.ClosedCompleted,
        Domain.Meetings.MeetingStatus.Draft => PageText.TopicCallPlanned,
        _ => null,
    };

    /// <summary>The page again with the refusal in words and the topic form as it was sent.</summary>
    private async Task<IActionResult> TopicRefused(string token, int status, string words, CancellationToken ct)
    {
        if (!await Load(token, ct))
        {
            return Unknown();
        }

        TopicRefusal = words;
        Response.StatusCode = status;
        return Page();
    }
}
