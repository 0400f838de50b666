using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Api.Common.OpenApi;
using Meetings.Api.Idempotency;
using Meetings.Domain.Topics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Meetings.Api.Features.Topics;

/// <summary>/api/meetings/{id}/topic-call and /api/meetings/{id}/topics: topics from the departments (Themenanmeldung).</summary>
internal static class TopicEndpoints
{
    public static IEndpointRouteBuilder MapTopics(this IEndpointRouteBuilder app)
    {
        var call = app.MapGroup("/api/meetings/{id}/topic-call").WithTags("Topics")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        call.MapPut("/", OpenCall).WithName(nameof(OpenTopicCall)).RequireAuthorization(Policies.Admin).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        call.MapDelete("/", CloseCall).WithName(nameof(CloseTopicCall)).RequireAuthorization(Policies.Admin).ProducesProblem(StatusCodes.Status409Conflict);
        call.MapGet("/", GetCall).WithName(nameof(GetTopicCall)).RequireAuthorization(Policies.AdminOrDepartment);

        var topics = app.MapGroup("/api/meetings/{id}/topics").WithTags("Topics").RequireAuthorization(Policies.AdminOrDepartment)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        topics.MapPost("/", Propose).WithName(nameof(ProposeTopic)).WithMetadata(new IdempotentAttribute()).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        topics.MapGet("/", List).WithName(nameof(ListTopics)).ProducesValidationProblem();
        topics.MapGet("/{topicId}", Get).WithName(nameof(GetTopic));
        topics.MapPut("/{topicId}", Edit).WithName(nameof(EditTopic)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        topics.MapDelete("/{topicId}", Withdraw).WithName(nameof(WithdrawTopic)).ProducesProblem(StatusCodes.Status409Conflict);
        topics.MapPost("/{topicId}/accept", Accept).WithName(nameof(AcceptTopic)).RequireAuthorization(Policies.Admin).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        topics.MapPost("/{topicId}/decline", Decline).WithName(nameof(DeclineTopic)).RequireAuthorization(Policies.Admin).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        var link = app.MapGroup("/api/rsvp/{token}/topics").WithTags("Topics").AllowAnonymous().WithPersonalLinkLimits().NoStore()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        link.MapGet("/", ListByLink).WithName(nameof(ListTopicsByLink));
        link.MapPost("/", ProposeByLink).WithName(nameof(ProposeTopicByLink)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>Opens the call for topics (admin), or changes its deadline or note, or opens it again after it was closed.</summary>
    /// <remarks>
    /// A draft or published meeting that has not started; the deadline in the future and before the start. Each active
    /// department's head gets a <c>topic-call</c> mail with the personal link — the invitation link when the meeting is
    /// published, else a link of the call's own (it opens the answer page with the topic form). A new deadline mails the heads
    /// again; a new note alone does not.
    /// </remarks>
    private static async Task<Ok<TopicCallResponse>> OpenCall(IMediator mediator, HttpResponse response, Guid id, TopicCallBody body, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new OpenTopicCall(id, body), ct));

    /// <summary>Closes the call for topics early (admin); proposals are 409 from then on.</summary>
    private static async Task<NoContent> CloseCall(IMediator mediator, Guid id, CancellationToken ct)
    {
        await mediator.Send(new CloseTopicCall(id), ct);
        return TypedResults.NoContent();
    }

    /// <summary>The meeting's call for topics: its deadline, note, and whether it is open.</summary>
    private static async Task<Ok<TopicCallResponse>> GetCall(IMediator mediator, HttpResponse response, Guid id, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new GetTopicCall(id), ct));

    /// <summary>Proposes a topic. A department key proposes for its own department; the office names it in <c>departmentId</c>.</summary>
    /// <remarks>Only while the call is open (409 after its deadline or once closed); at most 5 proposed or accepted topics per
    /// department and meeting (409). Without a presenter the department's head presents. Send <c>Idempotency-Key</c> so that a
    /// retried proposal creates nothing new.</remarks>
    private static async Task<Created<TopicResponse>> Propose(IMediator mediator, HttpResponse response, Guid id, TopicBody body, CancellationToken ct)
    {
        var topic = await mediator.Send(new ProposeTopic(id, body), ct);
        return response.CreatedWithETag($"/api/meetings/{id}/topics/{topic.Id}", topic);
    }

    /// <summary>The meeting's topics: all for the office, its own department's for a department key.</summary>
    /// <param name="status">Only this status.</param>
    /// <param name="skip">How many to skip (default 0).</param>
    /// <param name="take">How many to return (default 50, at most 200).</param>
    private static async Task<Ok<Page<TopicResponse>>> List(
        IMediator mediator, Guid id, [DocumentedAs(typeof(TopicStatus))] string? status, int? skip, int? take, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListTopics(id, status, PageRequest.From(skip, take)), ct));

    /// <summary>One topic (another department's topic is a 404 for a department key).</summary>
    private static async Task<Ok<TopicResponse>> Get(IMediator mediator, HttpResponse response, Guid id, Guid topicId, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new GetTopic(id, topicId), ct));

    /// <summary>Edits a topic while it is proposed (its department or the office).</summary>
    private static async Task<Ok<TopicResponse>> Edit(
        IMediator mediator, HttpResponse response, Guid id, Guid topicId, TopicBody body, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new EditTopic(id, topicId, body, ifMatch), ct));

    /// <summary>Withdraws a topic: a proposed one (its department or the office), an accepted one (the office only: its agenda item goes, the head is told).</summary>
    private static async Task<NoContent> Withdraw(IMediator mediator, Guid id, Guid topicId, CancellationToken ct)
    {
        await mediator.Send(new WithdrawTopic(id, topicId), ct);
        return TypedResults.NoContent();
    }

    /// <summary>Accepts a topic onto the agenda (admin): an item of kind <c>discussion</c> presented by the department.</summary>
    /// <remarks>Lasts <c>durationMinutes</c> or else the requested minutes; 409 with the minutes over when it does not fit into the
    /// meeting. The head gets a <c>topic-accepted</c> mail.</remarks>
    private static async Task<Ok<TopicResponse>> Accept(
        IMediator mediator, HttpResponse response, Guid id, Guid topicId, [FromBody] AcceptTopicBody? body, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new AcceptTopic(id, topicId, body), ct));

    /// <summary>Declines a proposed topic with a reason (admin); the head gets a <c>topic-declined</c> mail with it.</summary>
    private static async Task<Ok<TopicResponse>> Decline(IMediator mediator, HttpResponse response, Guid id, Guid topicId, DeclineTopicBody body, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new DeclineTopic(id, topicId, body), ct));

    /// <summary>Behind a head's personal link: the call for topics and the department's topics with their status.</summary>
    /// <remarks>No key needed: the head's invitation link, or the call's own link of a draft meeting. A delegate's link is a 404.</remarks>
    private static async Task<Ok<LinkTopicsResponse>> ListByLink(IMediator mediator, string token, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListTopicsByLink(token), ct));

    /// <summary>The head proposes a topic through the personal link (the department comes from the link).</summary>
    /// <remarks>The same rules as <c>POST /api/meetings/{id}/topics</c>: while the call is open, at most 5 per department.</remarks>
    private static async Task<Created<TopicResponse>> ProposeByLink(IMediator mediator, HttpResponse response, string token, TopicBody body, CancellationToken ct)
    {
        var topic = await mediator.Send(new ProposeTopicByLink(token, body), ct);
        return response.CreatedWithETag($"/api/meetings/{topic.MeetingId}/topics/{topic.Id}", topic);
    }
}
