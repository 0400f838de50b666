using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Speakers;

/// <summary>The meeting's speakers: all for admins, only its own city's for a partner key.</summary>
public sealed record ListSpeakers(Guid MeetingId) : IRequest<Page<SpeakerResponse>>;

internal sealed class ListSpeakersHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<ListSpeakers, Page<SpeakerResponse>>
{
    public async Task<Page<SpeakerResponse>> Handle(ListSpeakers request, CancellationToken ct)
    {
        if (!await caller.MaySee(db.Meetings).AnyAsync(m => m.Id == request.MeetingId, ct)) // a draft is the office's: 404 for a partner key
        {
            throw new NotFoundException("Meeting", request.MeetingId);
        }

        var items = await caller.MaySee(db.Speakers.AsNoTracking()).Where(s => s.MeetingId == request.MeetingId).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        return new Page<SpeakerResponse>(items.Select(SpeakerResponse.From).ToList(), items.Count);
    }
}
