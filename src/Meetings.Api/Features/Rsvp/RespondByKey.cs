using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Features.Meetings;
using Meetings.Domain.Meetings;

namespace Meetings.Api.Features.Rsvp;

/// <summary>
/// An answer through the API: an admin records it (via <c>admin</c>, allowed also after the deadline)
/// or the invitation's department key sends it (via <c>api</c>). Another department's invitation is a 404.
/// </summary>
public sealed record RespondByKey(Guid MeetingId, Guid InvitationId, RsvpBody Body) : IRequest<InvitationResponse>;

internal sealed class RespondByKeyHandler(AnswerRecorder answers, Caller caller) : IRequestHandler<RespondByKey, InvitationResponse>
{
    public async Task<InvitationResponse> Handle(RespondByKey request, CancellationToken ct)
    {
        return await answers.RecordAsync(
            q => caller.IsAdmin
                ? q.Where(i => i.Id == request.InvitationId && i.MeetingId == request.MeetingId)
                : q.Where(i => i.Id == request.InvitationId && i.MeetingId == request.MeetingId
                               && i.Kind == InvitationKind.Department && i.DepartmentId == caller.DepartmentId),
            _ => request.Body.ToAnswer(),
            (invitation, _) => InvitationResponse.From(invitation, showToken: caller.IsAdmin),
            caller.IsAdmin ? RsvpChannel.Admin : RsvpChannel.Api,
            caller.Actor,
            withHistory: true);
    }
}
