using MediatR;
using Meetings.Api.Auth;
using Meetings.Infrastructure.Audit;

namespace Meetings.Api.Common;

/// <summary>
/// Stamps the work of each request for the audit log: who (the key of the request, the person signed in with the
/// identity provider, or a personal link when there is
/// none; the service itself outside an HTTP request) and the use case (the request's name, e.g. <c>PublishMeeting</c>). Every save the handler makes is recorded
/// under it (<see cref="AuditTrail"/>), in the same transaction.
/// </summary>
internal sealed class AuditBehavior<TRequest, TResponse>(IHttpContextAccessor http) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string Operation = typeof(TRequest).Name;
    private static readonly bool DayOnly = typeof(IAuditedByDayOnly).IsAssignableFrom(typeof(TRequest));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var context = http.HttpContext;
        var actor = context is null
            ? AuditActor.System // a use case sent by the service itself (a background service): it names its own actor where it has one (RecordAnswer)
            : Caller.TryFrom(context.User) is { } caller
                ? caller.AuditActor
                : context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null
                    ? AuditActor.AnswerPage // the only requests without a key: the personal links, as JSON or as the page
                    : AuditActor.PersonalLink;
        using (AuditScope.Begin(new AuditStamp(actor, Operation, DayOnly)))
        {
            return await next();
        }
    }
}

/// <summary>
/// A use case given in confidence (feedback): its audit rows keep the day only and name no invitation or key
/// (<see cref="AuditStamp.DayOnly"/>), so that nobody can tell whose it was by when it happened.
/// </summary>
public interface IAuditedByDayOnly;
