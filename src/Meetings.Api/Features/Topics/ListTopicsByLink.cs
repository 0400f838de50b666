using MediatR;
using Meetings.Domain.Meetings;
using Meetings.Domain.Topics;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Topics;

/// <summary>Behind a head's personal link: the meeting's call for topics and the department's topics with their status.</summary>
public sealed record ListTopicsByLink(string Token) : IRequest<LinkTopicsResponse>;

/// <summary>
/// The same for a page that holds the meeting and the department already (the answer page's view): no link resolved again,
/// and no topics query when the meeting has no call.
/// </summary>
public sealed record TopicsOf(Guid MeetingId, Guid DepartmentId, MeetingStatus Status, DateTimeOffset StartsAt) : IRequest<LinkTopicsResponse>;

internal sealed class ListTopicsByLinkHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<ListTopicsByLink, LinkTopicsResponse>
{
    public async Task<LinkTopicsResponse> Handle(ListTopicsByLink request, CancellationToken ct)
    {
        var (meetingId, department) = await db.ResolveLink(request.Token, ct);
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => new { m.Status, m.StartsAt }).SingleAsync(ct);
        return await db.TopicsOf(meetingId, department.Id, meeting.Status, meeting.StartsAt, clock.GetUtcNow(), ct);
    }
}

/// <summary>The meeting's call for topics from <see cref="MeetingReadCache"/> (most meetings have none: then no query at all).</summary>
internal sealed class TopicsOfHandler(MeetingsDbContext db, MeetingReadCache shared, TimeProvider clock) : IRequestHandler<TopicsOf, LinkTopicsResponse>
{
    public async Task<LinkTopicsResponse> Handle(TopicsOf request, CancellationToken ct)
    {
        var kept = await shared.GetAsync(request.MeetingId, "topic-call",
            async c => new KeptCall(await db.CallOf(request.MeetingId, c)), ct);
        return kept.Call is null
            ? LinkTopicsResponse.WithoutCall(request.MeetingId, request.DepartmentId)
            : await db.TopicsOf(request.MeetingId, request.DepartmentId, request.Status, request.StartsAt, clock.GetUtcNow(), ct, kept.Call);
    }

    private sealed record KeptCall(TopicCall? Call);
}
