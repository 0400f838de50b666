using MediatR;
using Meetings.Domain.Topics;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Topics;

/// <summary>Behind a head's personal link: the meeting's call for topics and the department's topics with their status.</summary>
public sealed record ListTopicsByLink(string Token) : IRequest<LinkTopicsResponse>;

internal sealed class ListTopicsByLinkHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<ListTopicsByLink, LinkTopicsResponse>
{
    public async Task<LinkTopicsResponse> Handle(ListTopicsByLink request, CancellationToken ct)
    {
        var (meetingId, department) = await db.ResolveLink(request.Token, ct);
        var now = clock.GetUtcNow();
        var call = await db.TopicCalls.AsNoTracking().SingleOrDefaultAsync(c => c.MeetingId == meetingId, ct);
        var topics = await db.Topics.AsNoTracking().Where(t => t.MeetingId == meetingId).Where(Topic.OfDepartment(department.Id))
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync(ct);
        var canPropose = call?.IsOpenAt(now) == true && topics.Count(t => t.IsActive) < Topic.MaxActivePerDepartment;
        return new LinkTopicsResponse(
            meetingId, department.Id, call is null ? null : TopicCallResponse.From(call, now), canPropose, topics.Select(TopicResponse.From).ToList(), topics.Count);
    }
}
