using MediatR;
using Meetings.Api.Common;
using Meetings.Domain.Feedback;
using Meetings.Infrastructure.Feedback;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Feedback;

/// <summary>
/// Gives or changes the feedback of a personal link's holder (JSON and the answer page alike). Stored under the
/// invitation's pseudonym (<see cref="FeedbackPseudonyms"/>), so that it is found again for a change and tells no one whose
/// it is. Giving the same feedback again changes nothing. The audit log records it on the meeting with the day only
/// (<see cref="IAuditedByDayOnly"/>).
/// </summary>
public sealed record GiveFeedback(string Token, FeedbackInput Input) : IRequest<FeedbackState>, IAuditedByDayOnly;

internal sealed class GiveFeedbackHandler(MeetingsDbContext db, FeedbackPseudonyms pseudonyms, TimeProvider clock) : IRequestHandler<GiveFeedback, FeedbackState>
{
    public async Task<FeedbackState> Handle(GiveFeedback request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (state, invitation) = await db.LoadFeedback(pseudonyms, request.Token, now, tracked: true, ct);
        if (state.Closed is { } closed)
        {
            FeedbackEntry.Validate(state.Meeting, request.Input, invitation); // bad input is a 400 whatever the state
            throw FeedbackStore.Refusal(closed, state.Meeting);
        }

        var entry = state.Entry;
        if (entry is not null)
        {
            entry.Change(state.Meeting, request.Input, now, invitation);
            await db.SaveChangesAsync(ct);
            return state with { Entry = entry };
        }

        entry = FeedbackEntry.Give(state.Meeting, pseudonyms.Of(invitation), request.Input, now, invitation);
        db.Feedback.Add(entry);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ConstraintViolation.IsUniqueViolation(e))
        {
            // The same link's first feedback sent twice at once (a double click, two tabs): the other one is stored; this one changes it.
            db.ChangeTracker.Clear();
            var stored = await db.Feedback.SingleAsync(f => f.Pseudonym == entry.Pseudonym, ct);
            stored.Change(state.Meeting, request.Input, now, invitation);
            await db.SaveChangesAsync(ct);
            entry = stored;
        }

        return state with { Entry = entry };
    }
}
