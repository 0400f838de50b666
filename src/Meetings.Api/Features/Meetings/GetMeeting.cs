using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Meetings;

/// <summary>One meeting. Drafts are visible to admins only (404 for other keys).</summary>
public sealed record GetMeeting(Guid Id) : IRequest<MeetingResponse>;

internal sealed class GetMeetingHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<GetMeeting, MeetingResponse>
{
    public async Task<MeetingResponse> Handle(GetMeeting request, CancellationToken ct) =>
        MeetingResponse.From(await caller.MaySee(db.Meetings.AsNoTracking()).SingleOrDefaultAsync(m => m.Id == request.Id, ct)
                             ?? throw new NotFoundException("Meeting", request.Id));
}
