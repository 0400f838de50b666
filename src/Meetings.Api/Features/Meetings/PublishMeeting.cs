using MediatR;
using Meetings.Api.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Meetings;

/// <summary>Publishes a draft: every active department's head and every series host is invited.</summary>
public sealed record PublishMeeting(Guid Id, string? IfMatch) : IRequest<MeetingResponse>;

internal sealed class PublishMeetingHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<PublishMeeting, MeetingResponse>
{
    public async Task<MeetingResponse> Handle(PublishMeeting request, CancellationToken ct)
    {
        var meeting = await db.LoadForChange(request.Id, request.IfMatch, withInvitations: false, ct);
        var series = await db.Series.AsNoTracking().SingleOrDefaultAsync(s => s.Id == meeting.SeriesId, ct)
            ?? throw new NotFoundException("Series", meeting.SeriesId);
        var departments = await db.Departments.AsNoTracking().Where(d => d.Active).ToListAsync(ct);
        meeting.Publish(series, departments, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return MeetingResponse.From(meeting);
    }
}
