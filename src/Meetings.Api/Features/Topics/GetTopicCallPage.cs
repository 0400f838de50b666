using MediatR;
using Meetings.Api.Features.AnswerPage;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Topics;

/// <summary>
/// The answer page behind a call's own link (a draft meeting, whose heads have no invitation link yet): the planned meeting
/// and the topics part, without the answer form. An invitation's link is not one of these (404: the answer page serves it).
/// </summary>
public sealed record GetTopicCallPage(string Token) : IRequest<TopicCallPageView>;

/// <summary>What the page shows behind a call's own link.</summary>
public sealed record TopicCallPageView(string Token, MeetingView Meeting, PersonView Head, LinkTopicsResponse Topics);

/// <summary>The token is resolved once; the meeting is the answer page's shared view of it (<see cref="MeetingReadCache"/>).</summary>
internal sealed class GetTopicCallPageHandler(MeetingsDbContext db, MeetingReadCache shared, TimeProvider clock) : IRequestHandler<GetTopicCallPage, TopicCallPageView>
{
    public async Task<TopicCallPageView> Handle(GetTopicCallPage request, CancellationToken ct)
    {
        var token = Answers.LinkTokens.Checked(request.Token);
        var (call, department) = await db.ResolveCallLink(token, ct);
        var meeting = await GetAnswerPageHandler.SharedMeetingAsync(db, shared, call.MeetingId, ct);
        var topics = await db.TopicsOf(call.MeetingId, department.Id, meeting.Meeting.Status, meeting.Meeting.StartsAt, clock.GetUtcNow(), ct, call);
        return new TopicCallPageView(token, meeting.View, PersonView.From(department.Head), topics);
    }
}
