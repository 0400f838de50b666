using MediatR;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Domain.Polls;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Polls;

/// <summary>
/// Opens a date poll on a draft (every active department's head and every series host get a <c>date-poll</c> mail with a
/// link of their own), or changes the open one (votes of unchanged slots stay; those whose votes it touched are mailed).
/// </summary>
public sealed record OpenPoll(Guid MeetingId, PollBody Body) : IRequest<PollResponse>;

internal sealed class OpenPollHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<OpenPoll, PollResponse>
{
    public async Task<PollResponse> Handle(OpenPoll request, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
            ?? throw new NotFoundException(nameof(Meeting), request.MeetingId);
        var now = clock.GetUtcNow();
        var poll = await db.PollOfMeeting(meeting.Id, tracked: true, ct);
        if (poll is null)
        {
            var series = await db.Series.AsNoTracking().SingleAsync(s => s.Id == meeting.SeriesId, ct);
            var departments = await db.Departments.AsNoTracking().Where(d => d.Active).OrderBy(d => d.Code).ToListAsync(ct);
            poll = DatePoll.Open(meeting, series, departments, request.Body.ToInput(), now);
            db.Polls.Add(poll);
        }
        else
        {
            poll.Change(meeting, request.Body.ToInput(), now);
        }

        await db.SaveChangesAsync(ct);
        return PollResponse.ForOffice(poll, meeting);
    }
}
