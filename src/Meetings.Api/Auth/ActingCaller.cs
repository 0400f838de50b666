namespace Meetings.Api.Auth;

/// <summary>
/// Who calls a use case from inside the service, where there is no request (the mailbox reader): set in the scope before
/// the request is sent, it is the scope's <see cref="Caller"/> and the audit log's actor (<c>AuditBehavior</c>).
/// </summary>
public sealed class ActingCaller
{
    public Caller? Caller { get; set; }
}
