using MediatR;
using Meetings.Api.Features.AnswerPage;
using Microsoft.AspNetCore.Mvc;

namespace Meetings.Api.Pages.Answers.Results;

/// <summary>
/// The answer page's documents: the Einladung and the Sitzungsmappe as PDF, the minutes as PDF once the page shows them,
/// and the meeting's documents by agenda item, every link through the person's own link.
/// </summary>
public sealed class MeetingDocumentsViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid meetingId, Guid? departmentId, string token, string language)
    {
        var documents = await mediator.Send(new GetPageDocuments(meetingId, token), HttpContext.RequestAborted);
        var results = await PageResultsOnce.Get(HttpContext, mediator, meetingId, departmentId, language);
        return View(new MeetingDocumentsModel(token, documents, results.Minutes is not null));
    }
}

/// <summary>What the documents section shows; <paramref name="WithMinutes"/>: the page shows the approved minutes, so it links their PDF.</summary>
public sealed record MeetingDocumentsModel(string Token, PageDocuments Documents, bool WithMinutes)
{
    public string Pdf(string name) => $"/rsvp/{Uri.EscapeDataString(Token)}/{name}.pdf";
}
