using MediatR;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Answers;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Answers;

/// <summary>
/// An answer through the personal link (via <c>token</c>). Only the invitee's link answers: a delegate's own link shows
/// the invitation but is refused here (403), so that a delegate cannot change the department's answer or pass the
/// invitation on; the invitee, the department's key or the office can.
/// </summary>
public sealed record AnswerByToken(string Token, AnswerBody Body) : IRequest<LinkView>;

internal sealed class AnswerByTokenHandler(IAnswerStore answers, MeetingsDbContext db, TimeProvider clock) : IRequestHandler<AnswerByToken, LinkView>
{
    public async Task<LinkView> Handle(AnswerByToken request, CancellationToken ct)
    {
        var token = LinkTokens.Checked(request.Token);
        try
        {
            var recorded = await answers.RecordAsync(new AnswerRequest(new InvitationRef.ByToken(token), request.Body.ToAnswer(), AnswerChannel.Token, "personal link"), ct);
            return LinkView.From(recorded.Invitation, recorded.Meeting, clock.GetUtcNow());
        }
        catch (NotFoundException unknown)
        {
            throw await LinkTokens.WhyNoAnswer(db, token, unknown, ct);
        }
    }
}
