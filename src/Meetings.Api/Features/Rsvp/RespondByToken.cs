using MediatR;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Answers;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Rsvp;

/// <summary>
/// An answer through the personal link (via <c>token</c>). Only the invitee's link answers: a delegate's own link shows
/// the invitation but is refused here (403), so that a delegate cannot change the department's answer or pass the
/// invitation on; the invitee, the department's key or the office can.
/// </summary>
public sealed record RespondByToken(string Token, RsvpBody Body) : IRequest<RsvpView>;

internal sealed class RespondByTokenHandler(IAnswerStore answers, MeetingsDbContext db, TimeProvider clock) : IRequestHandler<RespondByToken, RsvpView>
{
    public async Task<RsvpView> Handle(RespondByToken request, CancellationToken ct)
    {
        var token = RsvpTokens.Checked(request.Token);
        try
        {
            var recorded = await answers.RecordAsync(new AnswerRequest(new InvitationRef.ByToken(token), request.Body.ToAnswer(), RsvpChannel.Token, "personal link"), ct);
            return RsvpView.From(recorded.Invitation, recorded.Meeting, clock.GetUtcNow());
        }
        catch (NotFoundException unknown)
        {
            throw await RsvpTokens.WhyNoAnswer(db, token, unknown, ct);
        }
    }
}
