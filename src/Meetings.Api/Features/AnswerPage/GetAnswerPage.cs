using MediatR;
using Meetings.Api.Features.Answers;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.AnswerPage;

/// <summary>The answer page behind a personal link. An unknown token is a 404 that reveals nothing.</summary>
public sealed record GetAnswerPage(string Token) : IRequest<AnswerPageView>;

/// <summary>
/// One query for what is personal (the invitation and its department's deputy); what every invitee of the meeting sees
/// alike comes from <see cref="MeetingReadCache"/> — the page is opened as often as mails are read.
/// </summary>
internal sealed class GetAnswerPageHandler(MeetingsDbContext db, LinkedInvitations links, MeetingReadCache shared, TimeProvider clock)
    : IRequestHandler<GetAnswerPage, AnswerPageView>
{
    public async Task<AnswerPageView> Handle(GetAnswerPage request, CancellationToken ct)
    {
        var token = LinkTokens.Checked(request.Token);
        var found = await links.FindAsync(token, ct) ?? throw NotFoundException.Invitation();
        var meetingId = found.Invitation.MeetingId;
        var meeting = await SharedMeetingAsync(db, shared, meetingId, ct);
        return AnswerPages.View(token, found.Invitation, meeting, found.Deputy, clock.GetUtcNow());
    }

    /// <summary>What every invitee of the meeting sees alike, from the cache (also the topic call's page: <c>GetTopicCallPage</c>).</summary>
    internal static Task<SharedMeeting> SharedMeetingAsync(MeetingsDbContext db, MeetingReadCache shared, Guid meetingId, CancellationToken ct) =>
        shared.GetAsync(meetingId, c => Load(db, meetingId, c), ct);

    private static async Task<SharedMeeting> Load(MeetingsDbContext db, Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.AgendaItems).SingleAsync(m => m.Id == meetingId, ct);
        var seriesName = await db.Series.Where(s => s.Id == meeting.SeriesId).Select(s => s.Name).SingleOrDefaultAsync(ct);
        var speakers = await db.Speakers.AsNoTracking()
            .Where(s => s.MeetingId == meetingId && s.Status == SpeakerStatus.Confirmed)
            .OrderBy(s => s.CreatedAt)
            .Select(s => new SpeakerView(s.Name, s.Title, s.Organization, s.TalkTitle))
            .ToListAsync(ct);
        return new SharedMeeting(meeting, seriesName, speakers);
    }
}
