using MediatR;
using Meetings.Api.Features.AnswerPage;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Topics;

/// <summary>
/// The answer page behind a call's own link (a draft meeting, whose heads have no invitation link yet): the planned meeting
/// and the topics part, without the answer form. An invitation's link is not one of these (404: the answer page serves it).
/// </summary>
public sealed record GetTopicCallPage(string Token) : IRequest<TopicCallPageView>;

/// <summary>What the page shows behind a call's own link.</summary>
public sealed record TopicCallPageView(string Token, MeetingView Meeting, PersonView Head, LinkTopicsResponse Topics);

internal sealed class GetTopicCallPageHandler(MeetingsDbContext db, IMediator mediator) : IRequestHandler<GetTopicCallPage, TopicCallPageView>
{
    public async Task<TopicCallPageView> Handle(GetTopicCallPage request, CancellationToken ct)
    {
        var token = Answers.LinkTokens.Checked(request.Token);
        if (!await db.TopicCalls.AnyAsync(c => c.Links.Any(l => l.Token == token), ct))
        {
            throw NotFoundException.Invitation();
        }

        var topics = await mediator.Send(new ListTopicsByLink(token), ct);
        var meeting = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == topics.MeetingId, ct);
        var seriesName = await db.Series.Where(s => s.Id == meeting.SeriesId).Select(s => s.Name).SingleOrDefaultAsync(ct);
        var head = await db.Departments.AsNoTracking().Where(d => d.Id == topics.DepartmentId).Select(d => d.Head).SingleAsync(ct);
        var view = new MeetingView(seriesName, meeting.Title, meeting.Motto, meeting.Description, meeting.StartsAt, meeting.EndsAt, meeting.TimeZone,
            meeting.Location, meeting.AnswerDeadline, meeting.Status, meeting.CancellationReason);
        return new TopicCallPageView(token, view, PersonView.From(head), topics);
    }
}
