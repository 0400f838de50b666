using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Topics;

/// <summary>Edits a proposed topic (its department or the office); with a stale <c>If-Match</c>, 412.</summary>
public sealed record EditTopic(Guid MeetingId, Guid TopicId, TopicBody Body, string? IfMatch) : IRequest<TopicResponse>;

internal sealed class EditTopicHandler(MeetingsDbContext db, Caller caller, TimeProvider clock) : IRequestHandler<EditTopic, TopicResponse>
{
    public async Task<TopicResponse> Handle(EditTopic request, CancellationToken ct)
    {
        var meeting = await db.LoadMeetingForTopics(caller, request.MeetingId, withAgenda: false, ct);
        var topic = await db.LoadTopic(caller, request.MeetingId, request.TopicId, ct);
        ETags.EnsureMatches(request.IfMatch, topic.Version);
        var department = await db.LoadDepartment(topic.DepartmentId, "departmentId", ct);
        topic.Edit(meeting, department, request.Body.ToInput(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TopicResponse.From(topic);
    }
}
