using MediatR;
using Meetings.Api.Features.AnswerPage;
using Microsoft.AspNetCore.Mvc;

namespace Meetings.Api.Pages.Answers.Results;

/// <summary>The answer page's section of the department's open tasks from earlier meetings (nothing when there are none).</summary>
public sealed class OpenTasksViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid meetingId, Guid? departmentId, string language) =>
        View(await PageResultsOnce.Get(HttpContext, mediator, meetingId, departmentId, language));
}

/// <summary>The answer page's section of the approved minutes, written like the mail's Ergebnisprotokoll (nothing before approval).</summary>
public sealed class ApprovedMinutesViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid meetingId, Guid? departmentId, string language) =>
        View(await PageResultsOnce.Get(HttpContext, mediator, meetingId, departmentId, language));
}

/// <summary>Both sections read the same results: once per request.</summary>
internal static class PageResultsOnce
{
    private static readonly object Key = new();

    public static async Task<PageResults> Get(HttpContext http, IMediator mediator, Guid meetingId, Guid? departmentId, string language)
    {
        if (http.Items[Key] is not PageResults results)
        {
            results = await mediator.Send(new GetPageResults(meetingId, departmentId, language), http.RequestAborted);
            http.Items[Key] = results;
        }

        return results;
    }
}
