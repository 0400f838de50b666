using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meetings.Api.Features.Feedback;

/// <summary>Feedback after a meeting: given through the personal link, read summed up by the office and by partner cities.</summary>
internal static class FeedbackEndpoints
{
    public static IEndpointRouteBuilder MapFeedback(this IEndpointRouteBuilder app)
    {
        var token = app.MapGroup("/api/rsvp/{token}/feedback").WithTags("Feedback").AllowAnonymous().WithPersonalLinkLimits().NoStore()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        token.MapGet("/", GetOwn).WithName(nameof(GetOwnFeedback));
        token.MapPut("/", Give).WithName(nameof(GiveFeedback)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/meetings/{id}/feedback", GetForMeeting).WithName(nameof(GetMeetingFeedback)).WithTags("Feedback")
            .RequireAuthorization(Policies.Admin).NoStore()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/meetings/{id}/speakers/{speakerId}/feedback", GetForSpeaker).WithName(nameof(GetSpeakerFeedback)).WithTags("Feedback")
            .RequireAuthorization(Policies.AdminOrPartner).NoStore()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The feedback behind a personal link: whether it is taken now (and why not), until when, the talks to rate, and what this link has given.</summary>
    /// <remarks>No key needed. Only the link's holder sees their own feedback; nobody else ever does.</remarks>
    private static async Task<Ok<OwnFeedbackResponse>> GetOwn(IMediator mediator, string token, CancellationToken ct) =>
        TypedResults.Ok((await mediator.Send(new GetOwnFeedback(token), ct)).ToResponse());

    /// <summary>Gives or changes one's feedback through the personal link: the meeting 0–5 stars, the talks 0–5 stars, a comment.</summary>
    /// <remarks>
    /// Open from the meeting's completion until 14 days after its end, and changeable until then (the whole feedback is replaced;
    /// sending the same again changes nothing); otherwise 409. Only the one who attended under the invitation gives it — the
    /// invitee, or the delegate by the delegate's own link where the invitee had delegated; any other valid link is a 403.
    /// Ratings are whole numbers 0–5; items name talks of this meeting, each at most once (400 otherwise). Given in confidence:
    /// no response of the service tells anyone but this link's holder which rating is theirs.
    /// </remarks>
    private static async Task<Ok<OwnFeedbackResponse>> Give(IMediator mediator, string token, FeedbackBody body, CancellationToken ct) =>
        TypedResults.Ok((await mediator.Send(new GiveFeedback(token, body.ToInput()), ct)).ToResponse());

    /// <summary>The feedback on a meeting, summed up (admin): invited, responses, average, distribution, per talk, and the comments.</summary>
    /// <remarks>
    /// Averages are rounded to 2 decimals (half away from zero) and left out (null) when there is no rating. Comments come
    /// without names, in a fresh random order on every read; nothing tells who gave which rating.
    /// </remarks>
    private static async Task<Ok<MeetingFeedbackResponse>> GetForMeeting(IMediator mediator, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetMeetingFeedback(id), ct));

    /// <summary>The ratings of a guest speaker's talk, summed up: for the speaker's own partner city (another city's speaker is a 404) and the office.</summary>
    /// <remarks>No comments: those are for the office only.</remarks>
    private static async Task<Ok<SpeakerFeedbackResponse>> GetForSpeaker(IMediator mediator, Guid id, Guid speakerId, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetSpeakerFeedback(id, speakerId), ct));
}
