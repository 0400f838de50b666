using MediatR;
using Meetings.Api.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meetings.Api.Features.Calendar;

internal static class CalendarEndpoints
{
    private const string ContentType = "text/calendar; charset=utf-8";

    public static IEndpointRouteBuilder MapCalendarFiles(this IEndpointRouteBuilder app)
    {
        // A file, not a JSON string: generated clients download it as a stream (format: binary).
        app.MapGet("/api/meetings/{id}/calendar.ics", MeetingFile).WithName(nameof(GetMeetingCalendar)).WithTags("Calendar").RequireAuthorization(Policies.AnyKey)
            .Produces<Stream>(StatusCodes.Status200OK, "text/calendar").ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/series/{id}/calendar.ics", SeriesFile).WithName(nameof(GetSeriesCalendar)).WithTags("Calendar").RequireAuthorization(Policies.AnyKey)
            .Produces<Stream>(StatusCodes.Status200OK, "text/calendar").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The meeting as iCalendar (RFC 5545): stable UID, SEQUENCE, local times with TZID and VTIMEZONE, STATUS, agenda in DESCRIPTION.</summary>
    private static async Task<ContentHttpResult> MeetingFile(IMediator mediator, HttpResponse response, Guid id, CancellationToken ct)
    {
        response.Headers.ContentDisposition = $"inline; filename=\"meeting-{id}.ics\"";
        return TypedResults.Text(await mediator.Send(new GetMeetingCalendar(id), ct), ContentType);
    }

    /// <summary>All meetings of a series that are not drafts (cancelled ones with STATUS:CANCELLED), as one iCalendar file to subscribe to.</summary>
    private static async Task<ContentHttpResult> SeriesFile(IMediator mediator, HttpResponse response, Guid id, CancellationToken ct)
    {
        response.Headers.ContentDisposition = $"inline; filename=\"series-{id}.ics\"";
        return TypedResults.Text(await mediator.Send(new GetSeriesCalendar(id), ct), ContentType);
    }
}
