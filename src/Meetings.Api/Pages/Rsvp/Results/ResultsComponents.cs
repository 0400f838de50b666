using MediatR;
using Meetings.Api.Features.AnswerPage;
using Microsoft.AspNetCore.Mvc;

namespace Meetings.Api.Pages.Rsvp.Results;

/// <summary>The answer page's section of the department's open tasks from earlier meetings (nothing when there are none).</summary>
public sealed class OpenTasksViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string token, string language) =>
        View(await mediator.Send(new GetPageResults(token, language), HttpContext.RequestAborted));
}

/// <summary>The answer page's section of the approved minutes, written like the mail's Ergebnisprotokoll (nothing before approval).</summary>
public sealed class ApprovedMinutesViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string token, string language) =>
        View(await mediator.Send(new GetPageResults(token, language), HttpContext.RequestAborted));
}
