using MediatR;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Feeds;

/// <summary>Revokes a feed: its URL is a 404 from now on. The row stays for the record; 409 when it is revoked already.</summary>
public sealed record RevokeFeed(Guid Id) : IRequest<Unit>;

internal sealed class RevokeFeedHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<RevokeFeed, Unit>
{
    public async Task<Unit> Handle(RevokeFeed request, CancellationToken ct)
    {
        var feed = await db.Feeds.SingleOrDefaultAsync(f => f.Id == request.Id, ct)
            ?? throw new NotFoundException("Feed", request.Id);
        feed.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
