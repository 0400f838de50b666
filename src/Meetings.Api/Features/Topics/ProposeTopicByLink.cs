using MediatR;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Topics;

/// <summary>The head proposes a topic through the personal link (the department from the link), while the call is open.</summary>
public sealed record ProposeTopicByLink(string Token, TopicBody Body) : IRequest<TopicResponse>;

internal sealed class ProposeTopicByLinkHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<ProposeTopicByLink, TopicResponse>
{
    public async Task<TopicResponse> Handle(ProposeTopicByLink request, CancellationToken ct)
    {
        var (meetingId, department) = await db.ResolveLink(request.Token, ct);
        var meeting = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == meetingId, ct);
        return await Proposing.ProposeAsync(db, meeting, department, request.Body with { DepartmentId = null }, clock.GetUtcNow(), ct);
    }
}
