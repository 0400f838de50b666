using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.ApiKeys;

/// <summary>Revokes a key: from now on it is refused with 401 (by this instance at once, by the others within a second). The row stays for the record.</summary>
public sealed record RevokeApiKey(Guid Id) : IRequest<Unit>;

internal sealed class RevokeApiKeyHandler(MeetingsDbContext db, ApiKeyCache keys, TimeProvider clock) : IRequestHandler<RevokeApiKey, Unit>
{
    public async Task<Unit> Handle(RevokeApiKey request, CancellationToken ct)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == request.Id, ct)
            ?? throw new NotFoundException("API key", request.Id);
        key.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        keys.Forget(key.Id);
        return Unit.Value;
    }
}
