using System.Text.Json.Serialization;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Topics;

namespace Meetings.Api.Features.Topics;

/// <summary>A meeting's call for topics.</summary>
/// <param name="Open">Whether topics are taken now: not closed early, before the deadline, and the meeting a draft or published and ahead.</param>
public sealed record TopicCallResponse(Guid MeetingId, DateTimeOffset Deadline, string? Note, bool Open, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt) : IVersionedResponse
{
    [JsonIgnore]
    public int Version { get; init; }

    /// <param name="open">Whether the call takes proposals now (<c>TopicCall.TakesProposalsAt</c>).</param>
    public static TopicCallResponse From(TopicCall c, bool open) =>
        new(c.MeetingId, c.Deadline, c.Note, open, c.OpenedAt, c.ClosedAt) { Version = c.Version };
}

/// <summary>Opens a call for topics, or changes its deadline or note.</summary>
public sealed record TopicCallBody
{
    /// <summary>Until when topics are taken: in the future, before the meeting's start.</summary>
    /// <example>2026-09-24T18:00:00+02:00</example>
    public DateTimeOffset? Deadline { get; init; }

    /// <example>Bitte melden Sie Projekte an, zu denen Sie Rückmeldung aus anderen Ämtern brauchen.</example>
    public string? Note { get; init; }

    public TopicCallInput ToInput() => new(Deadline, Note);
}

/// <summary>Who presents a topic.</summary>
public sealed record TopicPresenter(string Name, string? Email);

/// <summary>A topic a department proposes for a meeting.</summary>
public sealed record TopicResponse(
    Guid Id, Guid MeetingId, Guid DepartmentId, string Title, string? Description, int RequestedMinutes, bool DecisionNeeded,
    TopicPresenter Presenter, TopicStatus Status, string? DecisionReason, Guid? AgendaItemId, DateTimeOffset CreatedAt) : IVersionedResponse
{
    [JsonIgnore]
    public int Version { get; init; }

    public static TopicResponse From(Topic t) => new(
        t.Id, t.MeetingId, t.DepartmentId, t.Title, t.Description, t.RequestedMinutes, t.DecisionNeeded,
        new TopicPresenter(t.PresenterName, t.PresenterEmail), t.Status, t.DecisionReason, t.AgendaItemId, t.CreatedAt)
    { Version = t.Version };
}

/// <summary>Who presents a topic, in a request (default: the department's head).</summary>
public sealed record TopicPresenterBody
{
    /// <example>Dr. Jana Roth</example>
    public string? Name { get; init; }

    /// <example>jana.roth@augsburg.example</example>
    public string? Email { get; init; }
}

/// <summary>A topic in a request body.</summary>
public sealed record TopicBody
{
    /// <summary>Admins only: the department the topic is for (a department key's department comes from the key; this field is ignored then).</summary>
    public Guid? DepartmentId { get; init; }

    /// <example>E-Akte-Pilot im Bürgeramt</example>
    public string? Title { get; init; }

    /// <example>Erste Erfahrungen nach drei Monaten; wir suchen zwei Ämter für die nächste Stufe.</example>
    public string? Description { get; init; }

    /// <summary>5 to 120 minutes.</summary>
    /// <example>20</example>
    public int? RequestedMinutes { get; init; }

    /// <summary>Whether the meeting is asked to decide something (default false).</summary>
    public bool? DecisionNeeded { get; init; }

    /// <summary>Who presents it; without it, the department's head.</summary>
    public TopicPresenterBody? Presenter { get; init; }

    public TopicInput ToInput() => new(Title, Description, RequestedMinutes, DecisionNeeded, Presenter?.Name, Presenter?.Email);
}

/// <summary>Accepts a topic onto the agenda.</summary>
public sealed record AcceptTopicBody
{
    /// <summary>Where the item goes (1-based; default last).</summary>
    public int? Position { get; init; }

    /// <summary>How long the item lasts (1–480; default: the requested minutes).</summary>
    public int? DurationMinutes { get; init; }
}

/// <summary>Declines a topic.</summary>
public sealed record DeclineTopicBody
{
    /// <example>Das Thema passt besser in das Treffen im Frühjahr.</example>
    public string? Reason { get; init; }
}

/// <summary>A filter of topics by status, as the query string names it (a 400 for an unknown name).</summary>
internal static class TopicFilter
{
    public static TopicStatus? Of(string? status)
    {
        var errors = new ValidationErrors();
        var value = StrictEnumConverterFactory.Query<TopicStatus>(errors, "status", status);
        errors.ThrowIfAny();
        return value;
    }
}

/// <summary>What a head's personal link shows of the call for topics: the call (null: none) and the department's topics.</summary>
/// <param name="CanPropose">Whether the link takes a proposal now: the call is open and the department has fewer than 5 topics proposed or accepted.</param>
public sealed record LinkTopicsResponse(Guid MeetingId, Guid DepartmentId, TopicCallResponse? Call, bool CanPropose, IReadOnlyList<TopicResponse> Items, int Total)
{
    /// <summary>A meeting without a call for topics: nothing to show, nothing to propose.</summary>
    public static LinkTopicsResponse WithoutCall(Guid meetingId, Guid departmentId) => new(meetingId, departmentId, null, false, [], 0);
}
