using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Api.Features.Agenda;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Calendar;
using Meetings.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Calendar;

/// <summary>A meeting as an RFC 5545 file (METHOD:PUBLISH). Drafts exist for admins only.</summary>
public sealed record GetMeetingCalendar(Guid MeetingId) : IRequest<string>;

/// <summary>Every meeting of a series that is not a draft, as one RFC 5545 file.</summary>
public sealed record GetSeriesCalendar(Guid SeriesId) : IRequest<string>;

internal sealed class CalendarFileHandlers(MeetingsDbContext db, Caller caller, TimeProvider clock)
    : IRequestHandler<GetMeetingCalendar, string>, IRequestHandler<GetSeriesCalendar, string>
{
    public async Task<string> Handle(GetMeetingCalendar request, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Agenda).SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct);
        if (meeting is null || (meeting.Status == MeetingStatus.Draft && !caller.IsAdmin))
        {
            throw new NotFoundException("Meeting", request.MeetingId);
        }

        var series = await db.Series.AsNoTracking().Where(s => s.Id == meeting.SeriesId).Select(s => s.Name).SingleAsync(ct);
        return ICalendar.Publish([new CalendarEntry(meeting, series, AgendaResponse.From(meeting).Lines())], clock.GetUtcNow());
    }

    public async Task<string> Handle(GetSeriesCalendar request, CancellationToken ct)
    {
        var series = await db.Series.AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.SeriesId, ct)
            ?? throw new NotFoundException("Series", request.SeriesId);
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.Agenda)
            .Where(m => m.SeriesId == series.Id && m.Status != MeetingStatus.Draft)
            .OrderBy(m => m.StartsAt)
            .ToListAsync(ct);
        return ICalendar.Publish(meetings.Select(m => new CalendarEntry(m, series.Name, AgendaResponse.From(m).Lines())), clock.GetUtcNow());
    }
}

internal static class CalendarEndpoints
{
    private const string ContentType = "text/calendar; charset=utf-8";

    public static IEndpointRouteBuilder MapCalendarFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/meetings/{id}/calendar.ics", MeetingFile).WithTags("Calendar").RequireAuthorization(Policies.AnyKey)
            .Produces<string>(StatusCodes.Status200OK, "text/calendar").ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/series/{id}/calendar.ics", SeriesFile).WithTags("Calendar").RequireAuthorization(Policies.AnyKey)
            .Produces<string>(StatusCodes.Status200OK, "text/calendar").ProducesProblem(StatusCodes.Status404NotFound);
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
