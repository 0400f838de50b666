using MediatR;
using Meetings.Api.Auth;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Topics;

/// <summary>
/// The office accepts a topic: an agenda item of kind discussion presented by the department, with the given or the requested
/// minutes, within the meeting's time (409 with the minutes over otherwise, and nothing changes); the head is told.
/// </summary>
public sealed record AcceptTopic(Guid MeetingId, Guid TopicId, AcceptTopicBody? Body) : IRequest<TopicResponse>;

internal sealed class AcceptTopicHandler(MeetingsDbContext db, Caller caller, TimeProvider clock) : IRequestHandler<AcceptTopic, TopicResponse>
{
    public async Task<TopicResponse> Handle(AcceptTopic request, CancellationToken ct)
    {
        var meeting = await db.LoadMeetingForTopics(caller, request.MeetingId, withAgenda: true, ct);
        var topic = await db.LoadTopic(caller, request.MeetingId, request.TopicId, ct);
        var department = await db.LoadDepartment(topic.DepartmentId, "departmentId", ct);
        topic.Accept(meeting, department, department.Head, request.Body?.Position, request.Body?.DurationMinutes, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TopicResponse.From(topic);
    }
}
