using MediatR;
using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.ApiKeys;

public sealed record CreateApiKey(ApiKeyInput Input) : IRequest<ApiKeyCreatedResponse>;

internal sealed class CreateApiKeyHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<CreateApiKey, ApiKeyCreatedResponse>
{
    public async Task<ApiKeyCreatedResponse> Handle(CreateApiKey request, CancellationToken ct)
    {
        var input = request.Input;
        var department = input.DepartmentId is { } departmentId
            ? await db.Departments.SingleOrDefaultAsync(d => d.Id == departmentId, ct)
              ?? throw DomainValidationException.For("departmentId", "names no department.")
            : null;
        var city = input.CityId is { } cityId
            ? await db.Cities.SingleOrDefaultAsync(c => c.Id == cityId, ct)
              ?? throw DomainValidationException.For("cityId", "names no city.")
            : null;

        var (key, plain) = ApiKey.Create(input.Name, input.Role, department, city, clock.GetUtcNow());
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return new ApiKeyCreatedResponse(key.Id, key.Name, key.Role, key.DepartmentId, key.CityId, key.Hint, key.CreatedAt, key.RevokedAt, plain);
    }
}
