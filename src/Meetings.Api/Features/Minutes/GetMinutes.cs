using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Domain.Results;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Minutes;

/// <summary>
/// The minutes of a meeting: the office always (draft or approved); a department key only approved minutes of a meeting
/// its department was invited to — anything else is a 404 that reveals nothing —, with another department's carried-over
/// tasks as title, department, due date and status only.
/// </summary>
public sealed record GetMinutes(Guid MeetingId) : IRequest<MinutesResponse>;

internal sealed class GetMinutesHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<GetMinutes, MinutesResponse>
{
    public async Task<MinutesResponse> Handle(GetMinutes request, CancellationToken ct)
    {
        if (caller.DepartmentScope is { } department)
        {
            var readable = await db.Minutes.AnyAsync(m => m.MeetingId == request.MeetingId && m.Status == MinutesStatus.Approved, ct)
                           && await db.Invitations.AnyAsync(i => i.MeetingId == request.MeetingId && i.DepartmentId == department, ct);
            if (!readable)
            {
                throw new NotFoundException("Minutes of meeting", request.MeetingId);
            }
        }

        return await db.Response(request.MeetingId, caller.DepartmentScope, ct);
    }
}
