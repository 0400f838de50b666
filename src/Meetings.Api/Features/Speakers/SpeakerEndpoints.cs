using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Api.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Meetings.Api.Features.Speakers;

/// <summary>/api/meetings/{id}/speakers: guest speakers from partner cities.</summary>
internal static class SpeakerEndpoints
{
    public static IEndpointRouteBuilder MapSpeakers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings/{id}/speakers").WithTags("Speakers").RequireAuthorization(Policies.AdminOrPartner)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", Register).WithName(nameof(RegisterSpeaker)).WithMetadata(new IdempotentAttribute()).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", List).WithName(nameof(ListSpeakers));
        group.MapGet("/{speakerId}", Get).WithName(nameof(GetSpeaker));
        group.MapPut("/{speakerId}", Edit).WithName(nameof(EditSpeaker)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/{speakerId}", Withdraw).WithName(nameof(WithdrawSpeaker)).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{speakerId}/confirm", Confirm).WithName(nameof(ConfirmSpeaker)).RequireAuthorization(Policies.Admin).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{speakerId}/reject", Reject).WithName(nameof(RejectSpeaker)).RequireAuthorization(Policies.Admin).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>Proposes a speaker. A partner key proposes for its own city; an admin names the partner city in <c>cityId</c>.</summary>
    /// <remarks>Only for meetings that are draft or published and ahead. The same e-mail twice for one meeting is a 409.
    /// Send <c>Idempotency-Key</c> so that a retried registration creates nothing new.</remarks>
    private static async Task<Created<SpeakerResponse>> Register(IMediator mediator, HttpResponse response, Guid id, SpeakerBody body, CancellationToken ct)
    {
        var speaker = await mediator.Send(new RegisterSpeaker(id, body), ct);
        return response.CreatedWithETag($"/api/meetings/{id}/speakers/{speaker.Id}", speaker);
    }

    /// <summary>The meeting's speakers: all for admins, only its own city's for a partner key.</summary>
    private static async Task<Ok<Page<SpeakerResponse>>> List(IMediator mediator, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListSpeakers(id), ct));

    /// <summary>One speaker (another city's speaker is a 404 for a partner key).</summary>
    private static async Task<Ok<SpeakerResponse>> Get(IMediator mediator, HttpResponse response, Guid id, Guid speakerId, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new GetSpeaker(id, speakerId), ct));

    /// <summary>Edits a proposal (only while it is proposed).</summary>
    private static async Task<Ok<SpeakerResponse>> Edit(
        IMediator mediator, HttpResponse response, Guid id, Guid speakerId, SpeakerBody body, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new EditSpeaker(id, speakerId, body, ifMatch), ct));

    /// <summary>Withdraws a speaker; a confirmed speaker's agenda item and invitation go with it.</summary>
    private static async Task<NoContent> Withdraw(IMediator mediator, Guid id, Guid speakerId, CancellationToken ct)
    {
        await mediator.Send(new WithdrawSpeaker(id, speakerId), ct);
        return TypedResults.NoContent();
    }

    /// <summary>Confirms a speaker (admin): invitation with calendar entry and, unless <c>addToAgenda</c> is false, an agenda item.</summary>
    /// <remarks>409 when the item would not fit into the meeting (the answer says by how many minutes).</remarks>
    private static async Task<Ok<SpeakerResponse>> Confirm(
        IMediator mediator, HttpResponse response, Guid id, Guid speakerId, [FromBody] ConfirmBody? body, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new ConfirmSpeaker(id, speakerId, body), ct));

    /// <summary>Rejects a speaker with a reason (admin).</summary>
    private static async Task<Ok<SpeakerResponse>> Reject(IMediator mediator, HttpResponse response, Guid id, Guid speakerId, RejectBody body, CancellationToken ct) =>
        response.OkWithETag(await mediator.Send(new RejectSpeaker(id, speakerId, body), ct));
}
