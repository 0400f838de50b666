using MediatR;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.ApiKeys;

/// <summary>Revokes a key: from now on it is refused with 401. The row stays for the record.</summary>
public sealed record RevokeApiKey(Guid Id) : IRequest<Unit>;

internal sealed class RevokeApiKeyHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<RevokeApiKey, Unit>
{
    public async Task<Unit> Handle(RevokeApiKey request, CancellationToken ct)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == request.Id, ct)
            ?? throw new NotFoundException("API key", request.Id);
        key.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
