using Meetings.Api.Common;
using Meetings.Api.Features.Answers;
using Meetings.Domain.Common;
using Meetings.Domain.Feedback;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Feedback;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Feedback;

/// <summary>
/// Feedback behind a personal link as its holder sees it: the invitation and meeting (with the agenda), whether and why
/// not feedback is taken, and the feedback given so far under the invitation's pseudonym.
/// </summary>
public sealed record FeedbackState(Meeting Meeting, Invitation Giver, FeedbackRefusal? Closed, FeedbackEntry? Entry)
{
    public DateTimeOffset ClosesAt => FeedbackRules.ClosesAt(Meeting);

    /// <summary>The talks this link rates, in agenda order (a speaker's own talk is not among them).</summary>
    public IReadOnlyList<FeedbackTalk> Talks => FeedbackRules.Talks(Meeting, Giver).Select(t => new FeedbackTalk(t.Id, t.Title, t.Presenter?.Name)).ToList();

    public OwnFeedbackResponse ToResponse() => new(
        Closed is null, Closed is { } closed ? FeedbackRules.Explain(closed, Meeting) : null, ClosesAt, Talks, Entry is null ? null : GivenFeedback.From(Entry));
}

/// <summary>What the feedback use cases behind a personal link load and check.</summary>
internal static class FeedbackStore
{
    /// <summary>The feedback state of the link <paramref name="rawToken"/> (an unknown link: 404); <paramref name="tracked"/> loads the entry for a change.</summary>
    public static async Task<(FeedbackState State, Invitation Invitation)> LoadFeedback(
        this MeetingsDbContext db, FeedbackPseudonyms pseudonyms, string rawToken, DateTimeOffset now, bool tracked, CancellationToken ct)
    {
        var token = LinkTokens.Checked(rawToken);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Token == token || i.DelegateToken == token, ct)
            ?? throw NotFoundException.Invitation();
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.AgendaItems).SingleAsync(m => m.Id == invitation.MeetingId, ct);
        var closed = FeedbackRules.WhyNot(meeting, invitation, token, now);
        FeedbackEntry? entry = null;
        if (!(closed is { } refusal && FeedbackRules.IsAboutTheHolder(refusal)) && meeting.Status == MeetingStatus.Completed)
        {
            var pseudonym = pseudonyms.Of(invitation);
            var entries = tracked ? db.Feedback : db.Feedback.AsNoTracking();
            entry = await entries.SingleOrDefaultAsync(f => f.Pseudonym == pseudonym, ct);
        }

        return (new FeedbackState(meeting, invitation, closed, entry), invitation);
    }

    /// <summary>The refusal as the API answers it: 403 for a link whose holder did not attend, 409 outside the feedback window.</summary>
    public static Exception Refusal(FeedbackRefusal closed, Meeting meeting) => FeedbackRules.IsAboutTheHolder(closed)
        ? new ForbiddenException(FeedbackRules.Explain(closed, meeting))
        : new DomainException(FeedbackRules.Explain(closed, meeting));
}
