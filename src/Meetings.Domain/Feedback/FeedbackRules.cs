using Meetings.Domain.Meetings;

namespace Meetings.Domain.Feedback;

/// <summary>Why a personal link cannot give feedback although it is valid (<see cref="FeedbackRules.WhyNot"/>).</summary>
public enum FeedbackRefusal
{
    /// <summary>The invitation was not recorded as attended (absent, declined, withdrawn).</summary>
    NotAttended,

    /// <summary>The invitee delegated and the delegate attended: the feedback is the delegate's, through the delegate's own link.</summary>
    DelegateAttended,

    /// <summary>The meeting is published and not yet completed: feedback opens with the completion.</summary>
    NotYet,

    /// <summary>The meeting was cancelled (or is a draft): it takes no feedback.</summary>
    NoFeedback,

    /// <summary>More than <see cref="FeedbackRules.Window"/> have passed since the meeting's end.</summary>
    Over,
}

/// <summary>
/// Who gives feedback on a meeting, and when: those recorded as attending when it was completed — the invitee, or the
/// delegate where the invitee had delegated (the delegate came) —, from the completion until
/// <see cref="Window"/> after the meeting's end. Within that time a feedback can be changed as often as its giver likes.
/// </summary>
public static class FeedbackRules
{
    /// <summary>How long after the meeting's end feedback is taken (and changed).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(14);

    /// <summary>When feedback closes: <see cref="Window"/> after the meeting's end.</summary>
    public static DateTimeOffset ClosesAt(Meeting meeting) => meeting.EndsAt + Window;

    /// <summary>The invitations recorded as attended: one feedback request each, to whoever came (<see cref="Invitation.MailRecipient"/>).</summary>
    public static IEnumerable<Invitation> Attendees(Meeting meeting) => meeting.Invitations.Where(i => i.IsOpen && i.Attended == true);

    /// <summary>
    /// The talks that <paramref name="giver"/> rates, in agenda order: the agenda items of kind talk, except a speaker's own
    /// (a speaker rates the meeting and the others' talks).
    /// </summary>
    public static IReadOnlyList<AgendaItem> Talks(Meeting meeting, Invitation? giver) => meeting.Agenda.Schedule()
        .Select(s => s.Item)
        .Where(i => i.Kind == AgendaItemKind.Talk
                    && !(giver?.SpeakerId is { } own && i.Presenter is { Kind: PresenterKind.Speaker } presenter && presenter.RefId == own))
        .ToList();

    /// <summary>Whether feedback is taken now (null), or why not in words (a 409).</summary>
    public static string? WhyClosed(Meeting meeting, DateTimeOffset now)
    {
        if (meeting.Status != MeetingStatus.Completed)
        {
            return meeting.Status == MeetingStatus.Published
                ? "Feedback opens when the office has completed the meeting."
                : $"The meeting is {meeting.Status.ToString().ToLowerInvariant()}; it takes no feedback.";
        }

        return now >= ClosesAt(meeting)
            ? $"Feedback closed on {ClosesAt(meeting).UtcDateTime:yyyy-MM-dd HH:mm} UTC, {Window.Days} days after the meeting's end."
            : null;
    }

    /// <summary>
    /// The link that gives the feedback of an invitation: the invitee's, or the delegate's own where the invitee had
    /// delegated (the delegate attended). Null: the invitation was not attended.
    /// </summary>
    public static string? AttendeeToken(Invitation invitation) =>
        invitation.IsOpen && invitation.Attended == true ? invitation.TokenFor(invitation.MailRecipient.Email) : null;

    /// <summary>Whether the holder of <paramref name="token"/> (a valid link of the invitation) may give feedback (null), or why not.</summary>
    public static FeedbackRefusal? WhyNotFor(Invitation invitation, string token) =>
        AttendeeToken(invitation) is { } attendee
            ? string.Equals(attendee, token, StringComparison.Ordinal) ? null : FeedbackRefusal.DelegateAttended
            : FeedbackRefusal.NotAttended;

    /// <summary>
    /// The one rule for a link: whether the holder of <paramref name="token"/> (a valid link of the invitation) may give
    /// feedback on the meeting now (null), or why not — the meeting's state first, then who attended, then the window.
    /// </summary>
    public static FeedbackRefusal? WhyNot(Meeting meeting, Invitation invitation, string token, DateTimeOffset now) =>
        meeting.Status == MeetingStatus.Published ? FeedbackRefusal.NotYet
        : meeting.Status != MeetingStatus.Completed ? FeedbackRefusal.NoFeedback
        : WhyNotFor(invitation, token) ?? (WhyClosed(meeting, now) is null ? null : FeedbackRefusal.Over);

    /// <summary>Whether a refusal is about the link's holder (who attended) rather than about the meeting's time or state.</summary>
    public static bool IsAboutTheHolder(FeedbackRefusal refusal) => refusal is FeedbackRefusal.NotAttended or FeedbackRefusal.DelegateAttended;

    /// <summary>A refusal about the holder in words (the API's 403 detail).</summary>
    public static string Explain(FeedbackRefusal refusal) => refusal switch
    {
        FeedbackRefusal.DelegateAttended => "Your delegate attended the meeting; the feedback is theirs to give, through their own link.",
        _ => "Feedback is given by those recorded as attending the meeting; this invitation was not.",
    };

    /// <summary>Any refusal in words: about the holder, or the meeting's state or the window's end (the API's 403 or 409 detail).</summary>
    public static string Explain(FeedbackRefusal refusal, Meeting meeting) => IsAboutTheHolder(refusal)
        ? Explain(refusal)
        : WhyClosed(meeting, DateTimeOffset.MaxValue) ?? "Feedback is not taken now.";

    /// <summary>Send time: a feedback request goes out while feedback is open, to the one who attended under the invitation.</summary>
    public static string? WhyNotToRequest(Meeting meeting, Invitation? invitation, string recipientEmail, DateTimeOffset now)
    {
        if (WhyClosed(meeting, now) is not null)
        {
            return meeting.Status == MeetingStatus.Completed ? "feedback has closed" : $"the meeting is {meeting.Status.ToString().ToLowerInvariant()}";
        }

        if (invitation is null || AttendeeToken(invitation) is null)
        {
            return "the invitation was not attended";
        }

        return invitation.MailRecipient.Email == recipientEmail ? null : "someone else attended under the invitation";
    }
}
