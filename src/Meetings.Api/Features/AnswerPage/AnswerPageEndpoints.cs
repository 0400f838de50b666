using MediatR;
using Meetings.Api.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meetings.Api.Features.AnswerPage;

/// <summary>What the answer page links to besides itself (the page is Pages/Answers/Answer.cshtml).</summary>
internal static class AnswerPageEndpoints
{
    public static IEndpointRouteBuilder MapAnswerPage(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages();
        app.MapGet("/rsvp/{token}/calendar.ics", Calendar).WithName(nameof(GetPersonalCalendar)).WithTags("Answers").AllowAnonymous().WithPersonalLinkLimits()
            .Produces<string>(StatusCodes.Status200OK, "text/calendar").ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    /// <summary>"In den Kalender": the meeting as an iTIP REQUEST (RFC 5546) with the invitee behind the link as the one ATTENDEE.</summary>
    private static async Task<ContentHttpResult> Calendar(IMediator mediator, HttpResponse response, string token, CancellationToken ct)
    {
        var calendar = await mediator.Send(new GetPersonalCalendar(token), ct);
        response.Headers.ContentDisposition = "attachment; filename=\"einladung.ics\"";
        return TypedResults.Text(calendar, "text/calendar; charset=utf-8; method=REQUEST");
    }
}
