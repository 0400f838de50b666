using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Meetings;

/// <summary>Meetings by series, status and start window (<c>from</c> inclusive, <c>to</c> exclusive), by start. Keys other than admin see no drafts.</summary>
public sealed record ListMeetings(Guid? SeriesId, string? Status, string? From, string? To, PageRequest Page)
    : IRequest<Page<MeetingResponse>>;

internal sealed class ListMeetingsHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<ListMeetings, Page<MeetingResponse>>
{
    public async Task<Page<MeetingResponse>> Handle(ListMeetings request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var from = Instants.Query(errors, "from", request.From);
        var to = Instants.Query(errors, "to", request.To);
        var status = StrictEnumConverterFactory.Query<MeetingStatus>(errors, "status", request.Status);
        errors.ThrowIfAny();

        var query = caller.MaySee(db.Meetings.AsNoTracking());
        if (request.SeriesId is { } seriesId)
        {
            query = query.Where(m => m.SeriesId == seriesId);
        }

        if (status is { } wanted)
        {
            query = query.Where(m => m.Status == wanted);
        }

        if (from is { } f)
        {
            query = query.Where(m => m.StartsAt >= f);
        }

        if (to is { } t)
        {
            query = query.Where(m => m.StartsAt < t);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(m => m.StartsAt).ThenBy(m => m.Id).Skip(request.Page.Skip).Take(request.Page.Take).ToListAsync(ct);
        return new Page<MeetingResponse>(items.Select(MeetingResponse.From).ToList(), total);
    }
}
