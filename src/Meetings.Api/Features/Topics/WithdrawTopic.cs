using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Topics;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Topics;

/// <summary>
/// Withdraws a topic: a proposed one by its department or the office; an accepted one by the office only — its agenda item
/// goes and the head gets a <c>topic-declined</c> mail.
/// </summary>
public sealed record WithdrawTopic(Guid MeetingId, Guid TopicId) : IRequest<Unit>;

internal sealed class WithdrawTopicHandler(MeetingsDbContext db, Caller caller, TimeProvider clock) : IRequestHandler<WithdrawTopic, Unit>
{
    public async Task<Unit> Handle(WithdrawTopic request, CancellationToken ct)
    {
        var meeting = await db.LoadMeetingForTopics(caller, request.MeetingId, withAgenda: true, ct);
        var topic = await db.LoadTopic(caller, request.MeetingId, request.TopicId, ct);
        var department = await db.LoadDepartment(topic.DepartmentId, "departmentId", ct);
        topic.Withdraw(meeting, caller.IsAdmin ? TopicActor.Office : TopicActor.Department, department.Head, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
