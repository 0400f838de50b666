using MediatR;
using Meetings.Api.Auth;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Topics;

/// <summary>The office declines a proposed topic with a reason; the head gets a <c>topic-declined</c> mail with it.</summary>
public sealed record DeclineTopic(Guid MeetingId, Guid TopicId, DeclineTopicBody Body) : IRequest<TopicResponse>;

internal sealed class DeclineTopicHandler(MeetingsDbContext db, Caller caller, TimeProvider clock) : IRequestHandler<DeclineTopic, TopicResponse>
{
    public async Task<TopicResponse> Handle(DeclineTopic request, CancellationToken ct)
    {
        var meeting = await db.LoadMeetingForTopics(caller, request.MeetingId, withAgenda: false, ct);
        var topic = await db.LoadTopic(caller, request.MeetingId, request.TopicId, ct);
        var department = await db.LoadDepartment(topic.DepartmentId, "departmentId", ct);
        topic.Decline(meeting, request.Body.Reason, department.Head, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TopicResponse.From(topic);
    }
}
