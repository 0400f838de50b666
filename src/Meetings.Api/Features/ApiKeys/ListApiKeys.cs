using MediatR;
using Meetings.Api.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.ApiKeys;

public sealed record ListApiKeys(bool IncludeRevoked, PageRequest Page) : IRequest<Page<ApiKeyResponse>>;

internal sealed class ListApiKeysHandler(MeetingsDbContext db) : IRequestHandler<ListApiKeys, Page<ApiKeyResponse>>
{
    public async Task<Page<ApiKeyResponse>> Handle(ListApiKeys request, CancellationToken ct)
    {
        var query = db.ApiKeys.AsNoTracking();
        if (!request.IncludeRevoked)
        {
            query = query.Where(k => k.RevokedAt == null);
        }

        var total = await query.CountAsync(ct);
        var keys = await query.OrderBy(k => k.Name).ThenBy(k => k.Id).Skip(request.Page.Skip).Take(request.Page.Take).ToListAsync(ct);
        return new Page<ApiKeyResponse>(keys.Select(ApiKeyResponse.From).ToList(), total);
    }
}
