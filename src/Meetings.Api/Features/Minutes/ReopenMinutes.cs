using MediatR;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Minutes;

/// <summary>Makes approved minutes a draft again, as the next version; approving them again mails the corrected version.</summary>
public sealed record ReopenMinutes(Guid MeetingId, string? Reason, string? IfMatch) : IRequest<MinutesResponse>;

internal sealed class ReopenMinutesHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<ReopenMinutes, MinutesResponse>
{
    public async Task<MinutesResponse> Handle(ReopenMinutes request, CancellationToken ct)
    {
        var (meeting, minutes) = await db.LoadMinutesForChange(request.MeetingId, request.IfMatch, ct);
        if (minutes is null)
        {
            throw new DomainException("No minutes have been written for this meeting yet.");
        }

        minutes.Reopen(request.Reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await db.Response(meeting.Id, departmentScope: null, ct);
    }
}
