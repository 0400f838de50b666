using MediatR;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Answers;

namespace Meetings.Api.Features.Rsvp;

/// <summary>An answer through the personal link (via <c>token</c>).</summary>
public sealed record RespondByToken(string Token, RsvpBody Body) : IRequest<RsvpView>;

internal sealed class RespondByTokenHandler(IAnswerStore answers, TimeProvider clock) : IRequestHandler<RespondByToken, RsvpView>
{
    public async Task<RsvpView> Handle(RespondByToken request, CancellationToken ct)
    {
        var recorded = await answers.RecordAsync(
            new AnswerRequest(new InvitationRef.ByToken(RsvpTokens.Checked(request.Token)), request.Body.ToAnswer(), RsvpChannel.Token, "personal link"), ct);
        return RsvpView.From(recorded.Invitation, recorded.Meeting, clock.GetUtcNow());
    }
}
