using MediatR;
using Meetings.Api.Features.Rsvp;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.AnswerPage;

/// <summary>The answer page behind a personal link. An unknown token is a 404 that reveals nothing.</summary>
public sealed record GetAnswerPage(string Token) : IRequest<AnswerPageView>;

internal sealed class GetAnswerPageHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<GetAnswerPage, AnswerPageView>
{
    public async Task<AnswerPageView> Handle(GetAnswerPage request, CancellationToken ct)
    {
        var token = RsvpTokens.Checked(request.Token);
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.RsvpToken == token, ct) ?? throw NotFoundException.Invitation();
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.AgendaItems).SingleAsync(m => m.Id == invitation.MeetingId, ct);
        var seriesName = await db.Series.AsNoTracking().Where(s => s.Id == meeting.SeriesId).Select(s => s.Name).SingleOrDefaultAsync(ct);
        var speakers = await db.Speakers.AsNoTracking()
            .Where(s => s.MeetingId == meeting.Id && s.Status == SpeakerStatus.Confirmed).OrderBy(s => s.CreatedAt)
            .Select(s => new SpeakerView(s.Name, s.Title, s.Organization, s.TalkTitle)).ToListAsync(ct);
        var deputy = invitation.DepartmentId is { } departmentId
            ? await db.Departments.AsNoTracking().Where(d => d.Id == departmentId).Select(d => d.Deputy).SingleOrDefaultAsync(ct)
            : null;
        return AnswerPages.View(token, invitation, meeting, seriesName, speakers, deputy, clock.GetUtcNow());
    }
}
