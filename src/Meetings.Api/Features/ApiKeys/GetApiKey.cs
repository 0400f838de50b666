using MediatR;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.ApiKeys;

public sealed record GetApiKey(Guid Id) : IRequest<ApiKeyResponse>;

internal sealed class GetApiKeyHandler(MeetingsDbContext db) : IRequestHandler<GetApiKey, ApiKeyResponse>
{
    public async Task<ApiKeyResponse> Handle(GetApiKey request, CancellationToken ct)
    {
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == request.Id, ct)
            ?? throw new NotFoundException("API key", request.Id);
        return ApiKeyResponse.From(key);
    }
}
