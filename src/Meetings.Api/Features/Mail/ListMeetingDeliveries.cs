using MediatR;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Mail;

/// <summary>The delivery ledger of a meeting: one row per recipient, kind and occasion, with its status.</summary>
public sealed record ListMeetingDeliveries(Guid MeetingId, string? Kind, string? Status, PageRequest Page) : IRequest<Page<DeliveryResponse>>;

internal sealed class ListMeetingDeliveriesHandler(MeetingsDbContext db) : IRequestHandler<ListMeetingDeliveries, Page<DeliveryResponse>>
{
    public async Task<Page<DeliveryResponse>> Handle(ListMeetingDeliveries request, CancellationToken ct)
    {
        var filter = DeliveryFilter.Of(request.Kind, request.Status);
        if (!await db.Meetings.AnyAsync(x => x.Id == request.MeetingId, ct))
        {
            throw new NotFoundException("Meeting", request.MeetingId);
        }

        return await filter.ListAsync(db, Delivery.ScopeOf(request.MeetingId), request.Page, ct);
    }
}
