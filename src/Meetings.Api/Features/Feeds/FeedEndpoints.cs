using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meetings.Api.Features.Feeds;

/// <summary>Calendar subscriptions: <c>/calendar/{token}.ics</c> (no key, the token is the secret) and <c>/api/feeds</c> (admin only).</summary>
internal static class FeedEndpoints
{
    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        // The route value is "token": the personal links' rate limit counts per token, and logs show the template only.
        app.MapGet("/calendar/{token}.ics", Calendar).WithName(nameof(GetFeedCalendar)).WithTags("Calendar").AllowAnonymous().WithPersonalLinkLimits().NoStore()
            .Produces<Stream>(StatusCodes.Status200OK, "text/calendar").Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        var group = app.MapGroup("/api/feeds").WithTags("Calendar").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", Create).WithName(nameof(CreateFeed)).ProducesValidationProblem().NoStore();
        group.MapDelete("/{id}", Revoke).WithName(nameof(RevokeFeed)).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>A calendar subscription (webcal): the meetings of a person, a department or a series as one RFC 5545 file.</summary>
    /// <remarks>
    /// No key: the token in the path is the secret. METHOD:PUBLISH, NAME and X-WR-CALNAME, REFRESH-INTERVAL and
    /// X-PUBLISHED-TTL (one hour); published and cancelled meetings (STATUS:CANCELLED) from 12 months back, never drafts.
    /// <c>ETag</c>; a matching <c>If-None-Match</c> is answered 304. An unknown, revoked or rotated token is a 404; rate
    /// limited like the personal links.
    /// </remarks>
    private static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> Calendar(
        IMediator mediator, HttpRequest request, HttpResponse response, string token, CancellationToken ct)
    {
        var feed = await mediator.Send(new GetFeedCalendar(token), ct);
        response.Headers.ETag = feed.ETag;
        if (Matches(request.Headers.IfNoneMatch.ToString(), feed.ETag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        response.Headers.ContentDisposition = "inline; filename=\"termine.ics\"";
        return TypedResults.Text(feed.Body, "text/calendar; charset=utf-8");
    }

    /// <summary>Creates a department or series feed and shows its URL.</summary>
    /// <remarks>The URL holds the feed's secret: hand it to whoever should subscribe. Revoke it with DELETE.</remarks>
    private static async Task<Created<FeedResponse>> Create(IMediator mediator, FeedInput body, CancellationToken ct)
    {
        var feed = await mediator.Send(new CreateFeed(body), ct);
        return TypedResults.Created($"/api/feeds/{feed.Id}", feed);
    }

    /// <summary>Revokes a feed; from then on its URL is a 404.</summary>
    /// <remarks>409 when it is revoked already.</remarks>
    private static async Task<NoContent> Revoke(IMediator mediator, Guid id, CancellationToken ct)
    {
        await mediator.Send(new RevokeFeed(id), ct);
        return TypedResults.NoContent();
    }

    /// <summary>If-None-Match (RFC 9110 §13.1.2): <c>*</c>, or a list of tags compared weakly (a <c>W/</c> prefix is ignored).</summary>
    private static bool Matches(string ifNoneMatch, string etag) =>
        ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(t => t == "*" || (t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t) == etag);
}
