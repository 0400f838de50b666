using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meetings.Api.Features.Polls;

/// <summary>Finding a date (Terminabstimmung): the office's poll on a draft, votes by personal link and by department key, the picture, closing.</summary>
internal static class PollEndpoints
{
    public static IEndpointRouteBuilder MapPolls(this IEndpointRouteBuilder app)
    {
        var meeting = app.MapGroup("/api/meetings/{id}").WithTags("Polls").NoStore()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        meeting.MapPut("/poll", Open).WithName(nameof(OpenPoll)).RequireAuthorization(Policies.Admin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        meeting.MapGet("/poll", Get).WithName(nameof(GetPoll)).RequireAuthorization(Policies.AdminOrDepartment);
        meeting.MapGet("/poll.svg", Picture).WithName(nameof(GetPollPicture)).RequireAuthorization(Policies.Admin)
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml");
        meeting.MapPost("/poll/close", Close).WithName(nameof(ClosePoll)).RequireAuthorization(Policies.Admin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        meeting.MapPut("/poll/votes/{departmentId}", VoteByKey).WithName(nameof(VoteByKey)).RequireAuthorization(Policies.AdminOrDepartment)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        var token = app.MapGroup("/api/poll").WithTags("Polls").AllowAnonymous().WithPersonalLinkLimits().NoStore()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        token.MapGet("/{token}", GetByToken).WithName(nameof(GetPollByToken));
        token.MapPut("/{token}", VoteByToken).WithName(nameof(VoteByToken)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>Opens a date poll on a draft, or changes the open one (admin).</summary>
    /// <remarks>
    /// 2–8 slots in the future, none overlapping; the deadline in the future and before the first slot (400 otherwise). Opening
    /// mails every active department's head and every series host a <c>date-poll</c> with a poll link of their own, and plans
    /// a <c>poll-nudge</c> 2 days before the deadline (at once when that has passed) for whoever has not voted then. A change
    /// keeps the votes of slots offered again at the same time and mails a <c>date-poll</c> update only to those whose votes
    /// it touched. 409 when the meeting is not a draft or the poll is closed.
    /// </remarks>
    private static async Task<Ok<PollResponse>> Open(IMediator mediator, Guid id, PollBody body, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new OpenPoll(id, body), ct));

    /// <summary>The poll: for the office every slot's tally, the hosts' availability, who said no, and <c>best</c>; for a department key the slots and its own vote only.</summary>
    private static async Task<Ok<PollResponse>> Get(IMediator mediator, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetPoll(id), ct));

    /// <summary>The poll as a picture (SVG, admin): participants by slot, ✓ ~ ✗ as colour and symbol, the best slot marked.</summary>
    private static async Task<ContentHttpResult> Picture(IMediator mediator, HttpResponse response, Guid id, CancellationToken ct)
    {
        response.Headers.ContentDisposition = $"inline; filename=\"poll-{id}.svg\"";
        return TypedResults.Text(await mediator.Send(new GetPollPicture(id), ct), "image/svg+xml; charset=utf-8");
    }

    /// <summary>Closes the poll (admin): with <c>slotId</c> the draft takes the slot's times and every participant gets <c>date-chosen</c>; without, the poll just ends.</summary>
    /// <remarks>Votes after closing are 409. A slot not of the poll is a 400; one that has begun, or an agenda longer than the slot, a 409.</remarks>
    private static async Task<Ok<PollResponse>> Close(IMediator mediator, Guid id, ClosePollBody? body, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ClosePoll(id, body?.SlotId), ct));

    /// <summary>A department's vote by its department key (another department: 403), or recorded by the office.</summary>
    /// <remarks>Every slot answered exactly once (400). Until the deadline and while the poll is open and the meeting a draft (409 otherwise).</remarks>
    private static async Task<Ok<PollResponse>> VoteByKey(IMediator mediator, Guid id, Guid departmentId, VoteBody body, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new VoteByKey(id, departmentId, body), ct));

    /// <summary>The poll behind a personal poll link: the slots, the holder's own vote, whether a vote is taken now. No key needed.</summary>
    private static async Task<Ok<PollLinkView>> GetByToken(IMediator mediator, string token, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetPollByToken(token), ct));

    /// <summary>Votes through a personal poll link: every slot <c>yes</c>, <c>maybe</c> or <c>no</c>, with a comment. No key needed; rate limited.</summary>
    /// <remarks>
    /// Every slot answered exactly once (400); until the deadline, while the poll is open (409 otherwise). A head may pass the
    /// vote to the department's deputy (<c>delegateToDeputy</c>), who gets a link of their own; a delegate's link cannot pass it on (403).
    /// </remarks>
    private static async Task<Ok<PollLinkView>> VoteByToken(IMediator mediator, string token, VoteBody body, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new VoteByToken(token, body), ct));
}
