using Meetings.Api.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Rsvp;

/// <summary>
/// The one way an answer is stored, whatever the channel (key, personal link, calendar reply).
/// Answers race (an intranet portal and a calendar connector at once, hundreds of heads at once):
/// each invitation carries a version; a write that lost the race is reloaded and applied again, so
/// no answer is lost and none surfaces as an error.
/// </summary>
internal sealed class AnswerRecorder(MeetingsDbContext db, TimeProvider clock)
{
    private const int Attempts = 8;

    /// <param name="withHistory">Load the answer's history too (for answers that show it).</param>
    public async Task<(Invitation Invitation, Meeting Meeting)> RecordAsync(
        Func<IQueryable<Invitation>, IQueryable<Invitation>> find, Func<RsvpAnswerContext, RsvpAnswer> answerFor,
        RsvpChannel via, string actor, CancellationToken ct, bool withHistory = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            // One round trip for both: the invitation (tracked, it changes) and its meeting (read only).
            IQueryable<Invitation> invitations = withHistory ? db.Invitations.Include(i => i.History.OrderBy(h => h.At)) : db.Invitations;
            var found = await find(invitations)
                .Select(i => new { Invitation = i, Meeting = db.Meetings.Single(m => m.Id == i.MeetingId) })
                .SingleOrDefaultAsync(ct) ?? throw NotFoundException.Invitation();
            var (invitation, meeting) = (found.Invitation, found.Meeting);
            var answer = answerFor(new RsvpAnswerContext(invitation, meeting));
            invitation.Respond(meeting, answer, via, actor, clock.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(ct);
                return (invitation, meeting);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
            }
        }
    }
}

/// <summary>The invitation and meeting an answer is about, for answers that depend on them (calendar replies).</summary>
internal sealed record RsvpAnswerContext(Invitation Invitation, Meeting Meeting);
