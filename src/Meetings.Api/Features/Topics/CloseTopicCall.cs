using MediatR;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Topics;

/// <summary>The office closes the call for topics early: proposals are refused from then on (409).</summary>
public sealed record CloseTopicCall(Guid MeetingId) : IRequest<Unit>;

internal sealed class CloseTopicCallHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<CloseTopicCall, Unit>
{
    public async Task<Unit> Handle(CloseTopicCall request, CancellationToken ct)
    {
        var call = await db.LoadCall(request.MeetingId, ct) ?? throw new NotFoundException("Call for topics", request.MeetingId);
        call.Close(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
