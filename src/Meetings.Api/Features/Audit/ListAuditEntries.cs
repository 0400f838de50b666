using MediatR;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Audit;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Audit;

/// <summary>The audit log, newest first, by resource, key and time window (<c>from</c> inclusive, <c>to</c> exclusive).</summary>
public sealed record ListAuditEntries(string? ResourceType, Guid? ResourceId, Guid? KeyId, string? From, string? To, PageRequest Page)
    : IRequest<Page<AuditEntryResponse>>;

internal sealed class ListAuditEntriesHandler(MeetingsDbContext db) : IRequestHandler<ListAuditEntries, Page<AuditEntryResponse>>
{
    public async Task<Page<AuditEntryResponse>> Handle(ListAuditEntries request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var from = Instants.Query(errors, "from", request.From);
        var to = Instants.Query(errors, "to", request.To);
        var type = request.ResourceType?.Trim();
        if (!string.IsNullOrEmpty(type) && !AuditTrail.ResourceTypes(db.Model).Contains(type, StringComparer.Ordinal))
        {
            errors.Add("resourceType", $"must be one of: {string.Join(", ", AuditTrail.ResourceTypes(db.Model))}.");
        }

        errors.ThrowIfAny();

        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrEmpty(type))
        {
            query = query.Where(e => e.ResourceType == type);
        }

        if (request.ResourceId is { } resourceId)
        {
            query = query.Where(e => e.ResourceId == resourceId);
        }

        if (request.KeyId is { } keyId)
        {
            query = query.Where(e => e.KeyId == keyId);
        }

        if (from is { } f)
        {
            query = query.Where(e => e.At >= f);
        }

        if (to is { } t)
        {
            query = query.Where(e => e.At < t);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(request.Page.Skip).Take(request.Page.Take).ToListAsync(ct);
        return new Page<AuditEntryResponse>(items.Select(AuditEntryResponse.From).ToList(), total);
    }
}
