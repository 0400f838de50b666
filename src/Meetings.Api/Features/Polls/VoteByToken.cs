using MediatR;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Polls;

/// <summary>A vote through the personal poll link (the head's, the host's or the delegate's own).</summary>
public sealed record VoteByToken(string Token, VoteBody Body) : IRequest<PollLinkView>;

internal sealed class VoteByTokenHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<VoteByToken, PollLinkView>
{
    public async Task<PollLinkView> Handle(VoteByToken request, CancellationToken ct)
    {
        var (poll, ballot, meeting) = await db.ByToken(request.Token, tracked: true, ct);
        var now = clock.GetUtcNow();
        var byDelegate = ballot.DelegateToken == request.Token;
        var voter = byDelegate ? ballot.Delegate!.Name : ballot.Recipient.Name;
        await PollVoting.CastAsync(db, poll, meeting, ballot, request.Body, voter, byDelegate, now, ct);
        await db.SaveChangesAsync(ct);
        return PollLinkView.From(poll, meeting, ballot, request.Token, now);
    }
}
