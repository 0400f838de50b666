using MediatR;
using Meetings.Infrastructure.Feedback;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Feedback;

/// <summary>The feedback behind a personal link: whether it is taken now, the talks, and what this link has given. A GET never changes anything.</summary>
public sealed record GetOwnFeedback(string Token) : IRequest<FeedbackState>;

internal sealed class GetOwnFeedbackHandler(MeetingsDbContext db, FeedbackPseudonyms pseudonyms, TimeProvider clock) : IRequestHandler<GetOwnFeedback, FeedbackState>
{
    public async Task<FeedbackState> Handle(GetOwnFeedback request, CancellationToken ct) =>
        (await db.LoadFeedback(pseudonyms, request.Token, clock.GetUtcNow(), tracked: false, ct)).State;
}
