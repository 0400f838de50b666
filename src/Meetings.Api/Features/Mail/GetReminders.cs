using MediatR;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Mail;

public sealed record GetReminders(Guid MeetingId) : IRequest<RemindersResponse>;

internal sealed class GetRemindersHandler(MeetingsDbContext db) : IRequestHandler<GetReminders, RemindersResponse>
{
    public async Task<RemindersResponse> Handle(GetReminders request, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
            ?? throw new NotFoundException("Meeting", request.MeetingId);
        return RemindersResponse.From(meeting.Reminders);
    }
}
