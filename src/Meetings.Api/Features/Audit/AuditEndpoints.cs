using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meetings.Api.Features.Audit;

/// <summary>/api/audit: who changed what, when (admin only).</summary>
internal static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", List).WithName(nameof(ListAuditEntries)).WithTags("Audit").RequireAuthorization(Policies.Admin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    /// <summary>The audit log, newest first: every change of a resource, with who made it (key id and name; or the personal
    /// link, calendar reply or answer page with the invitation), the use case, and when. Kept for <c>Audit:RetentionDays</c>.</summary>
    /// <param name="resourceType">Only this kind of resource (meeting, invitation, agenda-item, speaker, series, department, city, api-key, …).</param>
    /// <param name="resourceId">Only this resource.</param>
    /// <param name="keyId">Only changes made with this API key.</param>
    /// <param name="from">From this instant on (ISO 8601 with offset).</param>
    /// <param name="to">Before this instant (ISO 8601 with offset).</param>
    /// <param name="skip">How many to skip (default 0).</param>
    /// <param name="take">How many to return (default 50, at most 200).</param>
    private static async Task<Ok<Page<AuditEntryResponse>>> List(
        IMediator mediator, string? resourceType, Guid? resourceId, Guid? keyId, string? from, string? to, int? skip, int? take, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListAuditEntries(resourceType, resourceId, keyId, from, to, PageRequest.From(skip, take)), ct));
}
