using System.Text.Json.Serialization;
using Meetings.Api.Common;
using Meetings.Api.Features.Series;
using Meetings.Domain.Meetings;

namespace Meetings.Api.Features.Meetings;

/// <summary>A meeting. Instants are UTC; the <c>…Local</c> fields show the wall-clock time in <c>timeZone</c>.</summary>
public sealed record MeetingResponse(
    Guid Id,
    Guid SeriesId,
    string Title,
    string? Motto,
    string? Description,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string TimeZone,
    string StartsAtLocal,
    string EndsAtLocal,
    int DurationMinutes,
    LocationResponse? Location,
    DateTimeOffset? RsvpDeadline,
    MeetingStatus Status,
    int Sequence,
    string? CancellationReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IVersionedResponse
{
    [JsonIgnore]
    public int Version { get; init; }

    public static MeetingResponse From(Meeting m) => new(
        m.Id, m.SeriesId, m.Title, m.Motto, m.Description, m.StartsAt, m.EndsAt, m.TimeZone,
        Instants.Local(m.StartsAt, m.TimeZone), Instants.Local(m.EndsAt, m.TimeZone), (int)(m.EndsAt - m.StartsAt).TotalMinutes,
        LocationResponse.From(m.Location), m.AnswerDeadline, m.Status, m.Sequence, m.CancellationReason, m.CreatedAt, m.UpdatedAt)
    { Version = m.Version };
}

/// <summary>The fields of a meeting, for create (a draft) and replace.</summary>
public sealed record MeetingBody
{
    /// <summary>The series (create only; ignored on replace).</summary>
    public Guid? SeriesId { get; init; }

    /// <example>Amtsleitungstreffen Herbst 2031</example>
    public string? Title { get; init; }

    /// <example>Digitalisierung</example>
    public string? Motto { get; init; }

    /// <example>Stand der E-Akte und die digitale Roadmap der Stadt.</example>
    public string? Description { get; init; }

    /// <summary>Start, ISO 8601 with offset.</summary>
    /// <example>2031-10-09T14:00:00+02:00</example>
    public DateTimeOffset? StartsAt { get; init; }

    /// <summary>End, ISO 8601 with offset (default: start + the series' default duration).</summary>
    /// <example>2031-10-09T17:00:00+02:00</example>
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>IANA zone in which invitees see the meeting (default: the series' zone).</summary>
    /// <example>Europe/Berlin</example>
    public string? TimeZone { get; init; }

    /// <summary>Where (default: the series' default location).</summary>
    public LocationBody? Location { get; init; }

    /// <summary>Answers are accepted until then (optional; before the start).</summary>
    /// <example>2031-10-02T23:59:00+02:00</example>
    public DateTimeOffset? RsvpDeadline { get; init; }

    public MeetingInput ToInput() => new(Title, Motto, Description, StartsAt, EndsAt, TimeZone, Location?.ToInput(), RsvpDeadline);
}

/// <summary>Moves a published meeting.</summary>
public sealed record RescheduleBody
{
    /// <example>2031-10-16T14:00:00+02:00</example>
    public DateTimeOffset? StartsAt { get; init; }

    /// <example>2031-10-16T17:00:00+02:00</example>
    public DateTimeOffset? EndsAt { get; init; }

    /// <example>Terminkollision mit der Stadtratssitzung</example>
    public string? Reason { get; init; }
}

/// <summary>Cancels a meeting.</summary>
public sealed record CancelBody
{
    /// <example>Entfällt wegen Haushaltsklausur</example>
    public string? Reason { get; init; }
}

/// <summary>Closes a meeting that has taken place.</summary>
public sealed record CompleteBody
{
    /// <summary>The invitations whose invitees attended.</summary>
    public IReadOnlyList<Guid>? AttendedInvitationIds { get; init; }
}

/// <summary>One change of an answer.</summary>
public sealed record HistoryResponse(AnswerStatus Status, DateTimeOffset At, AnswerChannel Via, string Actor, string? Note)
{
    public static HistoryResponse From(AnswerHistoryEntry h) => new(h.Status, h.At, h.Via, h.Actor, h.Note);
}

/// <summary>
/// An invitation and its answer. <c>history</c> holds the latest 20 changes, oldest first; <c>historyTotal</c> counts them
/// all (the whole history: <c>GET …/invitations/{invitationId}/history</c>). No response carries a personal link: it
/// reaches only its holder, by mail (the office has it mailed again: <c>POST …/invitations/{invitationId}/resend-link</c>).
/// </summary>
public sealed record InvitationResponse(
    Guid Id,
    Guid MeetingId,
    InvitationKind Kind,
    Guid? DepartmentId,
    Guid? SpeakerId,
    PersonResponse Recipient,
    AnswerStatus Status,
    PersonResponse? Delegate,
    string? Comment,
    DateTimeOffset? RespondedAt,
    DateTimeOffset? WithdrawnAt,
    bool? Attended,
    IReadOnlyList<HistoryResponse> History,
    int HistoryTotal)
{
    public static InvitationResponse From(Invitation i) => new(
        i.Id, i.MeetingId, i.Kind, i.DepartmentId, i.SpeakerId, PersonResponse.From(i.Recipient), i.Status,
        PersonResponse.FromOptional(i.Delegate), i.Comment, i.AnsweredAt, i.WithdrawnAt,
        i.Attended, i.History.TakeLast(Invitation.HistoryShown).Select(HistoryResponse.From).ToList(), i.HistoryTotal);
}

/// <summary>Who comes: counts per answer and the list of attendees (a delegate comes for the department).</summary>
public sealed record AttendanceResponse(Guid MeetingId, int Invited, AttendanceCounts Counts, IReadOnlyList<AttendeeResponse> Coming, int? Attended);

/// <summary>The open invitations by answer (withdrawn ones left out): one count per <c>status</c> of an invitation; together <c>invited</c>.</summary>
public sealed record AttendanceCounts(int Pending, int Accepted, int Declined, int Tentative, int Delegated)
{
    public static AttendanceCounts Of(IReadOnlyCollection<AnswerStatus> answers) => new(
        answers.Count(s => s == AnswerStatus.Pending), answers.Count(s => s == AnswerStatus.Accepted), answers.Count(s => s == AnswerStatus.Declined),
        answers.Count(s => s == AnswerStatus.Tentative), answers.Count(s => s == AnswerStatus.Delegated));
}

/// <summary>One person who comes.</summary>
/// <param name="OnBehalfOf">For a delegate: the invited head.</param>
public sealed record AttendeeResponse(Guid InvitationId, InvitationKind Kind, Guid? DepartmentId, string Name, string Email, AnswerStatus Status, PersonResponse? OnBehalfOf);
