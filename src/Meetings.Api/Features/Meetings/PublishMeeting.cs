using MediatR;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Meetings;

/// <summary>Publishes a draft: every active department's head, every series host and every confirmed speaker is invited.</summary>
public sealed record PublishMeeting(Guid Id, string? IfMatch) : IRequest<MeetingResponse>;

internal sealed class PublishMeetingHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<PublishMeeting, MeetingResponse>
{
    public async Task<MeetingResponse> Handle(PublishMeeting request, CancellationToken ct)
    {
        var meeting = await db.LoadForChange(request.Id, request.IfMatch, withInvitations: false, ct);
        var series = await db.Series.AsNoTracking().SingleOrDefaultAsync(s => s.Id == meeting.SeriesId, ct)
            ?? throw new NotFoundException("Series", meeting.SeriesId);
        var departments = await db.Departments.AsNoTracking().Where(d => d.Active).ToListAsync(ct);
        var speakers = await db.Speakers.AsNoTracking().Where(s => s.MeetingId == meeting.Id && s.Status == SpeakerStatus.Confirmed).ToListAsync(ct);
        meeting.Publish(series, departments, speakers, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return MeetingResponse.From(meeting);
    }
}
