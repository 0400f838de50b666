using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Meetings.Api.Features.Series;

/// <summary>/api/series: meeting series and their cadence (admin only).</summary>
internal static class SeriesEndpoints
{
    public static IEndpointRouteBuilder MapSeries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/series").WithTags("Series").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", List).WithName(nameof(ListSeries));
        group.MapPost("/", Create).WithName(nameof(CreateSeries)).ProducesValidationProblem();
        group.MapGet("/{id}", Get).WithName(nameof(GetSeries)).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", Update).WithName(nameof(UpdateSeries)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapGet("/{id}/cadence", Cadence).WithName(nameof(GetCadence)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Lists the series, by name.</summary>
    /// <param name="skip">How many to skip (default 0).</param>
    /// <param name="take">How many to return (default 50, at most 200).</param>
    private static async Task<Ok<Page<SeriesResponse>>> List(IMediator mediator, int? skip, int? take, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListSeries(PageRequest.From(skip, take)), ct));

    /// <summary>Creates a series with its hosts, organizer, minimum per year and defaults.</summary>
    private static async Task<Created<SeriesResponse>> Create(IMediator mediator, HttpResponse response, SeriesBody body, CancellationToken ct)
    {
        var series = await mediator.Send(new CreateSeries(body), ct);
        return response.CreatedWithETag($"/api/series/{series.Id}", series);
    }

    /// <summary>Reads one series.</summary>
    private static async Task<Ok<SeriesResponse>> Get(IMediator mediator, HttpResponse response, Guid id, CancellationToken ct)
    {
        return response.OkWithETag(await mediator.Send(new GetSeries(id), ct));
    }

    /// <summary>Replaces a series' fields. Meetings already planned keep their own time zone and location.</summary>
    private static async Task<Ok<SeriesResponse>> Update(
        IMediator mediator, HttpResponse response, Guid id, SeriesBody body, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken ct)
    {
        return response.OkWithETag(await mediator.Send(new UpdateSeries(id, body, ifMatch), ct));
    }

    /// <summary>Per calendar year: published, completed, cancelled, required and the status met | on-track | at-risk | missed.</summary>
    /// <remarks>
    /// A meeting counts for the year of its start in the series' zone; drafts and cancelled meetings do not count.
    /// <c>held</c> = completed + published whose start passed; <c>planned</c> = published still ahead.
    /// met: held ≥ required. Year not over: on-track when held + planned ≥ required, else at-risk. Year over: missed.
    /// </remarks>
    /// <param name="fromYear">First year (default: last year).</param>
    /// <param name="toYear">Last year (default: next year); at most 50 years.</param>
    private static async Task<Ok<Page<CadenceYearResponse>>> Cadence(IMediator mediator, Guid id, int? fromYear, int? toYear, CancellationToken ct)
    {
        var years = await mediator.Send(new GetCadence(id, fromYear, toYear), ct);
        return TypedResults.Ok(new Page<CadenceYearResponse>(years, years.Count));
    }
}
