using MediatR;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Meetings;

/// <summary>Plans a meeting as a draft; nobody is invited until it is published.</summary>
public sealed record CreateMeeting(MeetingBody Body) : IRequest<MeetingResponse>;

internal sealed class CreateMeetingHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<CreateMeeting, MeetingResponse>
{
    public async Task<MeetingResponse> Handle(CreateMeeting request, CancellationToken ct)
    {
        var seriesId = request.Body.SeriesId ?? throw DomainValidationException.For("seriesId", "is required.");
        var series = await db.Series.AsNoTracking().SingleOrDefaultAsync(s => s.Id == seriesId, ct)
            ?? throw DomainValidationException.For("seriesId", "names no series.");
        var meeting = Meeting.CreateDraft(series, request.Body.ToInput(), clock.GetUtcNow());
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        return MeetingResponse.From(meeting);
    }
}
