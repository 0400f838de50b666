using System.Text;
using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Api.Features.Meetings;
using Meetings.Api.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meetings.Api.Features.Answers;

/// <summary>The ways to answer over the API: by key, by personal link, by calendar reply (the answer page is the fourth: Features/AnswerPage). Each is a thin request of <c>RecordAnswer</c>.</summary>
internal static class AnswerEndpoints
{
    public static IEndpointRouteBuilder MapAnswers(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/meetings/{id}/invitations/{invitationId}/response", AnswerByKey).WithName(nameof(AnswerByKey))
            .WithTags("Answers").RequireAuthorization(Policies.AdminOrDepartment).NoStore()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var token = app.MapGroup("/api/rsvp").WithTags("Answers").AllowAnonymous().WithPersonalLinkLimits().NoStore()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        token.MapGet("/{token}", GetByToken).WithName(nameof(GetByToken));
        token.MapPut("/{token}", AnswerByToken).WithName(nameof(AnswerByToken)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        app.MapPost("/api/calendar/replies", CalendarReply).WithName(nameof(AnswerByCalendarReply))
            .WithTags("Answers").RequireAuthorization(Policies.AdminOrDepartment).WithMetadata(new IdempotentAttribute()).NoStore()
            .Accepts<Stream>("text/calendar")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    /// <summary>Answers an invitation: admin (recorded via <c>admin</c>, also after the deadline) or the invitation's department key.</summary>
    /// <remarks>
    /// <c>delegated</c> needs <c>delegate</c> (name, e-mail); the delegate then receives the mails, with a link of its own.
    /// A department key may name only an address the service mails (the directory, confirmed speakers, the allowed mail
    /// domains; otherwise 422), and the delegate changes at most 5 times a day (409); an admin may name anyone. Repeating
    /// the current answer changes nothing. 409 when the meeting is not published, has started, or the deadline has passed
    /// (admins excepted).
    /// </remarks>
    private static async Task<Ok<InvitationResponse>> AnswerByKey(IMediator mediator, Guid id, Guid invitationId, AnswerBody body, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new AnswerByKey(id, invitationId, body), ct));

    /// <summary>The personal invitation behind an RSVP link (the invitee's or the delegate's): meeting, time in its zone, location, agenda, current answer. No key needed.</summary>
    private static async Task<Ok<LinkView>> GetByToken(IMediator mediator, string token, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetByToken(token), ct));

    /// <summary>Answers through the invitee's personal RSVP link (a delegate's link: 403). No key needed; rate limited per link and, for unknown links, per client.</summary>
    /// <remarks>A delegate must be an address the service mails (otherwise 422); the delegate changes at most 5 times a day (409).</remarks>
    private static async Task<Ok<LinkView>> AnswerByToken(IMediator mediator, string token, AnswerBody body, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new AnswerByToken(token, body), ct));

    /// <summary>Receives an iTIP REPLY (RFC 5546, <c>Content-Type: text/calendar</c>) from a calendar system.</summary>
    /// <remarks>
    /// Exactly one VEVENT with the meeting's UID and exactly one ATTENDEE (the head or the delegate). PARTSTAT
    /// ACCEPTED / DECLINED / TENTATIVE / DELEGATED (with DELEGATED-TO) becomes the answer. A SEQUENCE lower than the
    /// meeting's is stale: 409, nothing changes. Malformed iCalendar: 400. Unknown UID or attendee: 404.
    /// Send <c>Idempotency-Key</c> to make retries safe.
    /// </remarks>
    private static async Task<Results<Ok<InvitationResponse>, ProblemHttpResult>> CalendarReply(IMediator mediator, HttpRequest request, CancellationToken ct)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "text/calendar", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.", detail: "Send the reply as Content-Type: text/calendar.");
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(ct);
        return TypedResults.Ok(await mediator.Send(new AnswerByCalendarReply(body, Answerer.Of(Caller.From(request.HttpContext.User))), ct));
    }
}
