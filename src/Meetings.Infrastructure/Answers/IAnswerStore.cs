using Meetings.Domain.Meetings;

namespace Meetings.Infrastructure.Answers;

/// <summary>
/// The one way an answer is stored, whatever the channel (key, personal link, answer page, calendar reply): which
/// invitation, what to apply, through which channel and by whom. The rules are <see cref="Invitation.Answer"/>;
/// a refused answer fails alone, with its own 4xx.
/// </summary>
public interface IAnswerStore
{
    Task<RecordedAnswer> RecordAsync(AnswerRequest request, CancellationToken ct);
}

/// <param name="Invitation">Which invitation is answered.</param>
/// <param name="Answer">What the invitee says.</param>
/// <param name="Via">The channel it came through.</param>
/// <param name="Actor">Who sent it, for the history.</param>
/// <param name="DepartmentScope">A department key's department: it may answer only that department's invitation (404 otherwise).</param>
/// <param name="HistoryShown">How many of the latest history entries the caller's response shows: only these are loaded.</param>
public sealed record AnswerRequest(InvitationRef Invitation, IAnswer Answer, AnswerChannel Via, string Actor, Guid? DepartmentScope = null, int HistoryShown = 0);

/// <summary>Which invitation an answer is for.</summary>
public abstract record InvitationRef
{
    private InvitationRef()
    {
    }

    /// <summary>By id, within its meeting (the API, by key).</summary>
    public sealed record ById(Guid MeetingId, Guid InvitationId) : InvitationRef;

    /// <summary>By the personal link's token (the invitee's: a delegate's link does not answer).</summary>
    public sealed record ByToken(string Token) : InvitationRef;

    /// <summary>By the attendee's address, head or delegate, within the meeting (a calendar reply); an address that holds two invitations is a 409.</summary>
    public sealed record ByAttendee(Guid MeetingId, string Email) : InvitationRef;
}

/// <summary>
/// An answer as stored: the invitation as it was right after this answer (with the latest history entries the request
/// asked for, <see cref="AnswerRequest.HistoryShown"/>), and its meeting with the agenda.
/// </summary>
public sealed record RecordedAnswer(Invitation Invitation, Meeting Meeting);
