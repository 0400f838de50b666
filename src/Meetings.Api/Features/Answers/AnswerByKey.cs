using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Features.Meetings;
using Meetings.Domain.Meetings;

namespace Meetings.Api.Features.Answers;

/// <summary>
/// An answer through the API: an admin records it (via <c>admin</c>, allowed also after the deadline)
/// or the invitation's department key sends it (via <c>api</c>). Another department's invitation is a 404.
/// </summary>
public sealed record AnswerByKey(Guid MeetingId, Guid InvitationId, AnswerBody Body) : IRequest<InvitationResponse>;

internal sealed class AnswerByKeyHandler(RecordAnswer answers, Caller caller) : IRequestHandler<AnswerByKey, InvitationResponse>
{
    public async Task<InvitationResponse> Handle(AnswerByKey request, CancellationToken ct)
    {
        var recorded = await answers.RecordAsync(
            new AnswerRequest(
                new InvitationRef.ById(request.MeetingId, request.InvitationId), request.Body.ToAnswer(),
                caller.IsAdmin ? AnswerChannel.Admin : AnswerChannel.Api, Answerer.Of(caller), Invitation.HistoryShown),
            ct);
        return InvitationResponse.From(recorded.Invitation);
    }
}
