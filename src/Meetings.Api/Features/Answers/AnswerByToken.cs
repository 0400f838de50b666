using MediatR;
using Meetings.Domain.Meetings;

namespace Meetings.Api.Features.Answers;

/// <summary>
/// An answer through the personal link (via <c>token</c>). Only the invitee's link answers: a delegate's own link shows
/// the invitation but is refused here (403), so that a delegate cannot change the department's answer or pass the
/// invitation on; the invitee, the department's key or the office can.
/// </summary>
public sealed record AnswerByToken(string Token, AnswerBody Body) : IRequest<LinkView>;

internal sealed class AnswerByTokenHandler(RecordAnswer answers, TimeProvider clock) : IRequestHandler<AnswerByToken, LinkView>
{
    public async Task<LinkView> Handle(AnswerByToken request, CancellationToken ct)
    {
        var recorded = await answers.RecordAsync(
            new AnswerRequest(new InvitationRef.ByToken(LinkTokens.Checked(request.Token)), request.Body.ToAnswer(), AnswerChannel.Token, Answerer.PersonalLink), ct);
        return LinkView.From(recorded.Invitation, recorded.Meeting, clock.GetUtcNow());
    }
}
