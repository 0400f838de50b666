using MediatR;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Polls;

/// <summary>The poll as a picture (SVG) the office opens in the browser.</summary>
public sealed record GetPollPicture(Guid MeetingId) : IRequest<string>;

internal sealed class GetPollPictureHandler(MeetingsDbContext db) : IRequestHandler<GetPollPicture, string>
{
    public async Task<string> Handle(GetPollPicture request, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
            ?? throw new NotFoundException(nameof(Meeting), request.MeetingId);
        var poll = await db.PollOfMeeting(meeting.Id, tracked: false, ct)
            ?? throw new NotFoundException("The meeting has no date poll.");
        return PollPicture.Of(poll, meeting);
    }
}
