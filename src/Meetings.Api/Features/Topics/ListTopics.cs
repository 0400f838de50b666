using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Domain.Topics;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Topics;

/// <summary>The meeting's topics: all for the office, only its own department's for a department key; by status if asked.</summary>
public sealed record ListTopics(Guid MeetingId, string? Status, PageRequest Page) : IRequest<Page<TopicResponse>>;

internal sealed class ListTopicsHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<ListTopics, Page<TopicResponse>>
{
    public async Task<Page<TopicResponse>> Handle(ListTopics request, CancellationToken ct)
    {
        var status = TopicFilter.Of(request.Status);
        var meeting = await db.LoadMeetingForTopics(caller, request.MeetingId, withAgenda: false, ct);
        var topics = db.Topics.AsNoTracking().Where(t => t.MeetingId == meeting.Id);
        if (caller.DepartmentScope is { } own)
        {
            topics = topics.Where(Topic.OfDepartment(own));
        }

        if (status is { } s)
        {
            topics = topics.Where(t => t.Status == s);
        }

        var total = await topics.CountAsync(ct);
        var items = await topics.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Skip(request.Page.Skip).Take(request.Page.Take).ToListAsync(ct);
        return new Page<TopicResponse>(items.Select(TopicResponse.From).ToList(), total);
    }
}
