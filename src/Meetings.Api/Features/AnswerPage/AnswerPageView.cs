using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;

namespace Meetings.Api.Features.AnswerPage;

/// <summary>
/// What the personal answer page shows: the invitation as the holder of the link sees it — the invitee, or the delegate
/// by their own link (<see cref="ForDelegate"/>: the invitation and the calendar, but no answer: that is the invitee's)
/// —, the meeting with its agenda and confirmed speakers, the deputy to offer as delegate, and whether — and if not, why
/// not — an answer is taken now.
/// </summary>
public sealed record AnswerPageView(
    string Token,
    InvitationKind Kind,
    PersonView Invitee,
    AnswerStatus Status,
    PersonView? Delegate,
    string? Comment,
    DateTimeOffset? AnsweredAt,
    bool Withdrawn,
    MeetingView Meeting,
    IReadOnlyList<AgendaRow> Agenda,
    IReadOnlyList<SpeakerView> Speakers,
    PersonView? Deputy,
    AnswersClosed? Closed,
    bool ForDelegate,
    Guid MeetingId,
    Guid? DepartmentId)
{
    /// <summary>The person the link belongs to: the invitee, or the delegate on the delegate's own link.</summary>
    public PersonView Holder => ForDelegate ? Delegate! : Invitee;

    public bool CanAnswer => Closed is null && !ForDelegate;
}

/// <summary>A person as the page names them.</summary>
public sealed record PersonView(string Name, string Email, string? Title)
{
    public static PersonView From(Person p) => new(p.Name, p.Email, p.Title);
}

/// <summary>The meeting as the page shows it: its instants in UTC and its zone for local times.</summary>
public sealed record MeetingView(
    string? SeriesName,
    string Title,
    string? Motto,
    string? Description,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string TimeZone,
    Location? Location,
    DateTimeOffset? AnswerDeadline,
    MeetingStatus Status,
    string? CancellationReason);

/// <summary>One agenda item with its times.</summary>
public sealed record AgendaRow(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Title, string? Description, AgendaItemKind Kind, string? Presenter);

/// <summary>A confirmed guest speaker.</summary>
public sealed record SpeakerView(string Name, string Title, string Organization, string TalkTitle);
