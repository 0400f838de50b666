using MediatR;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Mail;

/// <summary>The mails of a series itself: the cadence alerts to its organizer.</summary>
public sealed record ListSeriesDeliveries(Guid SeriesId, string? Kind, string? Status, PageRequest Page) : IRequest<Page<DeliveryResponse>>;

internal sealed class ListSeriesDeliveriesHandler(MeetingsDbContext db) : IRequestHandler<ListSeriesDeliveries, Page<DeliveryResponse>>
{
    public async Task<Page<DeliveryResponse>> Handle(ListSeriesDeliveries request, CancellationToken ct)
    {
        var filter = DeliveryFilter.Of(request.Kind, request.Status);
        if (!await db.Series.AnyAsync(x => x.Id == request.SeriesId, ct))
        {
            throw new NotFoundException("Series", request.SeriesId);
        }

        return await filter.ListAsync(db, Delivery.SeriesScopeOf(request.SeriesId), request.Page, ct);
    }
}
