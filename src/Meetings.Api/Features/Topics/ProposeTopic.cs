using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Domain.Topics;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Topics;

/// <summary>
/// A department proposes a topic while the call is open: a department key for its own department (from the key, never the
/// body), the office for any department (named in <c>departmentId</c>). 409 after the deadline or above 5 per department.
/// </summary>
public sealed record ProposeTopic(Guid MeetingId, TopicBody Body) : IRequest<TopicResponse>;

internal sealed class ProposeTopicHandler(MeetingsDbContext db, Caller caller, TimeProvider clock) : IRequestHandler<ProposeTopic, TopicResponse>
{
    public async Task<TopicResponse> Handle(ProposeTopic request, CancellationToken ct)
    {
        var meeting = await db.LoadMeetingForTopics(caller, request.MeetingId, withAgenda: false, ct);
        var departmentId = caller.DepartmentScope
                           ?? request.Body.DepartmentId
                           ?? throw DomainValidationException.For("departmentId", "is required when the office proposes a topic.");
        var department = await db.LoadDepartment(departmentId, "departmentId", ct);
        return await Proposing.ProposeAsync(db, meeting, department, request.Body, clock.GetUtcNow(), ct);
    }
}

/// <summary>
/// The one way a topic is proposed, by key or by link. The new topic takes a free place of the department's
/// (<see cref="Topic.Slot"/>, unique in the database): when a proposal of the same department at the same moment took it
/// first, the places are read again and the proposal tried again — it then takes another place or meets the limit.
/// </summary>
internal static class Proposing
{
    /// <summary>Enough tries for every proposal racing for the department's places to win one or to see them all taken.</summary>
    private const int Attempts = Topic.MaxActivePerDepartment + 1;

    public static async Task<TopicResponse> ProposeAsync(
        MeetingsDbContext db, Domain.Meetings.Meeting meeting, Domain.Directory.Department department, TopicBody body, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var call = await db.CallOf(meeting.Id, ct);
            var slots = await db.Topics.Where(Topic.ActiveOf(meeting.Id, department.Id)).Select(t => t.Slot).ToListAsync(ct);
            var topic = Topic.Propose(meeting, call, department, body.ToInput(), slots, now);
            db.Topics.Add(topic);
            try
            {
                await db.SaveChangesAsync(ct);
                return TopicResponse.From(topic);
            }
            catch (DbUpdateException e) when (attempt < Attempts && ConstraintViolation.IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear(); // the topic and its audit row go; nothing else of this request was changed
            }
        }
    }
}
