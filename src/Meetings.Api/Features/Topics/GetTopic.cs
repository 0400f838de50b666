using MediatR;
using Meetings.Api.Auth;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Topics;

/// <summary>One topic (another department's topic is a 404 for a department key).</summary>
public sealed record GetTopic(Guid MeetingId, Guid TopicId) : IRequest<TopicResponse>;

internal sealed class GetTopicHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<GetTopic, TopicResponse>
{
    public async Task<TopicResponse> Handle(GetTopic request, CancellationToken ct)
    {
        await db.LoadMeetingForTopics(caller, request.MeetingId, withAgenda: false, ct);
        return TopicResponse.From(await db.LoadTopic(caller, request.MeetingId, request.TopicId, ct));
    }
}
