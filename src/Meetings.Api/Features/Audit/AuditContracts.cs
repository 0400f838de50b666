using Meetings.Infrastructure.Audit;

namespace Meetings.Api.Features.Audit;

/// <summary>One change of one resource: who, what, when.</summary>
/// <param name="Id">The entry's id.</param>
/// <param name="At">When the change was committed (UTC).</param>
/// <param name="Actor">Who made it.</param>
/// <param name="Operation">The use case, e.g. <c>PublishMeeting</c>, <c>AnswerByKey</c>, <c>AnswerByToken</c>.</param>
/// <param name="Change">created, updated or deleted.</param>
/// <param name="ResourceType">meeting, invitation, agenda-item, speaker, series, department, city, api-key, ….</param>
/// <param name="ResourceId">The resource's id.</param>
public sealed record AuditEntryResponse(Guid Id, DateTimeOffset At, AuditActorResponse Actor, string Operation, AuditChange Change, string ResourceType, Guid ResourceId)
{
    public static AuditEntryResponse From(AuditEntry e) => new(
        e.Id, e.At, new AuditActorResponse(e.ActorKind, e.KeyId, e.ActorName, e.InvitationId, e.ActorSubject, e.ActorEmail), e.Operation, e.Change, e.ResourceType, e.ResourceId);
}

/// <param name="Kind">key, token (a personal link), calendar (a calendar reply), page (the answer page), system (a job) or person (signed in with the identity provider).</param>
/// <param name="KeyId">The API key's id; none for the bootstrap admin key, personal links and the service itself.</param>
/// <param name="Name">The key's name, the channel's, or the person's.</param>
/// <param name="InvitationId">For a personal link, a calendar reply or the answer page: whose invitation it was.</param>
/// <param name="Subject">For a person signed in with the identity provider: the token's <c>sub</c>.</param>
/// <param name="Email">For a person signed in with the identity provider: the token's <c>email</c>, where it has one.</param>
public sealed record AuditActorResponse(AuditActorKind Kind, Guid? KeyId, string Name, Guid? InvitationId, string? Subject, string? Email);
