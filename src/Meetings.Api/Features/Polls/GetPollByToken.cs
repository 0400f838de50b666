using MediatR;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Polls;

/// <summary>The poll behind a personal poll link: the slots, the holder's own vote, whether a vote is taken now, the chosen date.</summary>
public sealed record GetPollByToken(string Token) : IRequest<PollLinkView>;

internal sealed class GetPollByTokenHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<GetPollByToken, PollLinkView>
{
    public async Task<PollLinkView> Handle(GetPollByToken request, CancellationToken ct)
    {
        var (poll, ballot, meeting) = await db.ByToken(request.Token, tracked: false, ct);
        return PollLinkView.From(poll, meeting, ballot, request.Token, clock.GetUtcNow());
    }
}
