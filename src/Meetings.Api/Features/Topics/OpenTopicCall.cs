using MediatR;
using Meetings.Domain.Common;
using Meetings.Domain.Topics;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Topics;

/// <summary>
/// The office opens the call for topics (or changes its deadline or note, or opens it again): each active department's head
/// gets a <c>topic-call</c> mail (<see cref="TopicMail"/>) — again when the deadline moves, not for a new note alone.
/// </summary>
public sealed record OpenTopicCall(Guid MeetingId, TopicCallBody Body) : IRequest<TopicCallResponse>;

internal sealed class OpenTopicCallHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<OpenTopicCall, TopicCallResponse>
{
    public async Task<TopicCallResponse> Handle(OpenTopicCall request, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
            ?? throw new NotFoundException("Meeting", request.MeetingId);
        var departments = await db.Departments.AsNoTracking().Where(d => d.Active).OrderBy(d => d.Code).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var call = await db.LoadCall(meeting.Id, ct);
        if (call is null)
        {
            call = TopicCall.Open(meeting, request.Body.ToInput(), departments, now);
            db.TopicCalls.Add(call);
        }
        else
        {
            call.Set(meeting, request.Body.ToInput(), departments, now);
        }

        await db.SaveChangesAsync(ct);
        return TopicCallResponse.From(call, call.TakesProposalsAt(meeting, now));
    }
}
