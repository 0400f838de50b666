using MediatR;
using Meetings.Domain.Common;
using Meetings.Domain.Feedback;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Feedback;

/// <summary>The feedback on a meeting, summed up, for the office: counts, average, distribution, per talk, and the comments without names in random order.</summary>
public sealed record GetMeetingFeedback(Guid MeetingId) : IRequest<MeetingFeedbackResponse>;

internal sealed class GetMeetingFeedbackHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<GetMeetingFeedback, MeetingFeedbackResponse>
{
    public async Task<MeetingFeedbackResponse> Handle(GetMeetingFeedback request, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.AgendaItems).SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
            ?? throw new NotFoundException(nameof(Meeting), request.MeetingId);
        var invitations = await db.Invitations.Where(i => i.MeetingId == meeting.Id && i.WithdrawnAt == null)
            .GroupBy(i => 1).Select(g => new { Invited = g.Count(), Attended = g.Count(i => i.Attended == true) }).SingleOrDefaultAsync(ct);
        var entries = await db.Feedback.AsNoTracking().Where(f => f.MeetingId == meeting.Id).ToListAsync(ct);
        var overall = FeedbackSummary.Of(entries.Select(e => e.Rating));
        var talks = meeting.Agenda.Schedule().Where(s => s.Item.Kind == AgendaItemKind.Talk).Select(s =>
        {
            var summary = FeedbackSummary.OfTalks(entries, new HashSet<Guid> { s.Item.Id });
            return new TalkFeedbackSummary(s.Item.Id, s.Item.Title, summary.Responses, summary.Average);
        }).ToList();
        return new MeetingFeedbackResponse(
            meeting.Id, invitations?.Invited ?? 0, invitations?.Attended ?? 0, overall.Responses, overall.Average, overall.Distribution, talks,
            FeedbackSummary.Comments(entries, Random.Shared),
            meeting.Status == MeetingStatus.Completed && FeedbackRules.WhyClosed(meeting, clock.GetUtcNow()) is null,
            FeedbackRules.ClosesAt(meeting));
    }
}
