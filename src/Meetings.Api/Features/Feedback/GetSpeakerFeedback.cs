using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Features.Speakers;
using Meetings.Domain.Feedback;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Feedback;

/// <summary>
/// The ratings of a guest speaker's talk, summed up: for the speaker's own partner city (another city's speaker is a 404)
/// and the office. No comments: those are the office's.
/// </summary>
public sealed record GetSpeakerFeedback(Guid MeetingId, Guid SpeakerId) : IRequest<SpeakerFeedbackResponse>;

internal sealed class GetSpeakerFeedbackHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<GetSpeakerFeedback, SpeakerFeedbackResponse>
{
    public async Task<SpeakerFeedbackResponse> Handle(GetSpeakerFeedback request, CancellationToken ct)
    {
        var (speaker, _) = await db.LoadSpeaker(caller, request.MeetingId, request.SpeakerId, withMeetingDetails: false, ct);
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.AgendaItems).SingleAsync(m => m.Id == request.MeetingId, ct);
        var talks = meeting.Agenda.Schedule()
            .Where(s => s.Item is { Kind: AgendaItemKind.Talk, Presenter: { Kind: PresenterKind.Speaker } presenter } && presenter.RefId == speaker.Id)
            .Select(s => s.Item).ToList();
        var entries = talks.Count == 0 ? [] : await db.Feedback.AsNoTracking().Where(f => f.MeetingId == meeting.Id).ToListAsync(ct);
        var overall = FeedbackSummary.OfTalks(entries, talks.Select(t => t.Id).ToHashSet());
        var items = talks.Select(t =>
        {
            var summary = FeedbackSummary.OfTalks(entries, new HashSet<Guid> { t.Id });
            return new TalkFeedbackSummary(t.Id, t.Title, summary.Responses, summary.Average);
        }).ToList();
        return new SpeakerFeedbackResponse(meeting.Id, speaker.Id, speaker.TalkTitle, overall.Responses, overall.Average, overall.Distribution, items);
    }
}
