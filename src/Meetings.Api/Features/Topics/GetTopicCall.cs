using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Topics;

/// <summary>The meeting's call for topics (admin; a department key for a meeting it may reach).</summary>
public sealed record GetTopicCall(Guid MeetingId) : IRequest<TopicCallResponse>;

internal sealed class GetTopicCallHandler(MeetingsDbContext db, Caller caller, TimeProvider clock) : IRequestHandler<GetTopicCall, TopicCallResponse>
{
    public async Task<TopicCallResponse> Handle(GetTopicCall request, CancellationToken ct)
    {
        var meeting = await db.LoadMeetingForTopics(caller, request.MeetingId, withAgenda: false, ct);
        var call = await db.CallOf(meeting.Id, ct)
            ?? throw new NotFoundException("Call for topics", request.MeetingId);
        return TopicCallResponse.From(call, call.TakesProposalsAt(meeting, clock.GetUtcNow()));
    }
}
