using Meetings.Api.Common;
using Meetings.Api.Features.Agenda;
using Meetings.Api.Features.Departments;
using Meetings.Api.Features.Meetings;
using Meetings.Api.Features.Series;
using Meetings.Domain.Meetings;

namespace Meetings.Api.Features.Answers;

/// <summary>An answer to an invitation.</summary>
public sealed record AnswerBody
{
    /// <summary><c>accepted</c>, <c>declined</c>, <c>tentative</c> or <c>delegated</c>.</summary>
    /// <example>accepted</example>
    public AnswerStatus? Status { get; init; }

    /// <summary>Who comes instead (required with <c>delegated</c>, not allowed otherwise).</summary>
    public PersonBody? Delegate { get; init; }

    /// <summary>A note for the organizer.</summary>
    /// <example>Ich komme etwas später.</example>
    public string? Comment { get; init; }

    public AnswerInput ToAnswer() => new(Status, Delegate?.ToInput(), Comment);
}

/// <summary>What a portal needs to show a personal invitation: the meeting, the agenda and the current answer.</summary>
/// <param name="CanRespond">Whether this link takes an answer now (the invitee's link, the meeting published, before the deadline and the start).</param>
/// <param name="ForDelegate">The link is the delegate's own: it shows the invitation, the answer stays the invitee's.</param>
public sealed record LinkView(LinkInvitation Invitation, LinkMeeting Meeting, IReadOnlyList<AgendaItemResponse> Agenda, bool CanRespond, bool ForDelegate)
{
    public static LinkView From(Invitation invitation, Meeting meeting, DateTimeOffset now, bool forDelegate = false) => new(
        LinkInvitation.From(invitation, forDelegate), LinkMeeting.From(meeting), AgendaResponse.From(meeting).Items,
        !forDelegate && invitation.WhyClosed(meeting, AnswerChannel.Token, now) is null, forDelegate);
}

/// <summary>The invitation as the link's holder sees it (no token, no history).</summary>
/// <param name="Comment">The invitee's comment, on the invitee's own link only: a delegate's link never shows it.</param>
public sealed record LinkInvitation(
    Guid Id, InvitationKind Kind, PersonResponse Recipient, AnswerStatus Status, PersonResponse? Delegate, string? Comment, DateTimeOffset? RespondedAt)
{
    public static LinkInvitation From(Invitation i, bool forDelegate = false) => new(
        i.Id, i.Kind, PersonResponse.From(i.Recipient), i.Status, PersonResponse.FromOptional(i.Delegate), forDelegate ? null : i.Comment, i.AnsweredAt);
}

/// <summary>The meeting as an invitee sees it.</summary>
public sealed record LinkMeeting(
    Guid Id, string Title, string? Motto, string? Description, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone,
    string StartsAtLocal, string EndsAtLocal, LocationResponse? Location, DateTimeOffset? RsvpDeadline, MeetingStatus Status, int Sequence)
{
    public static LinkMeeting From(Meeting m)
    {
        var full = MeetingResponse.From(m);
        return new LinkMeeting(m.Id, m.Title, m.Motto, m.Description, m.StartsAt, m.EndsAt, m.TimeZone, full.StartsAtLocal, full.EndsAtLocal,
            full.Location, m.AnswerDeadline, m.Status, m.Sequence);
    }
}
