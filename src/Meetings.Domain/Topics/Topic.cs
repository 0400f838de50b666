using System.Linq.Expressions;
using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;

namespace Meetings.Domain.Topics;

public enum TopicStatus
{
    Proposed,
    Accepted,
    Declined,
    Withdrawn,
}

/// <summary>Who acts on a topic: the office (admin), or the department's own side (its key or its head's link).</summary>
public enum TopicActor
{
    Office,
    Department,
}

/// <summary>
/// A topic a department proposes for a meeting (Themenanmeldung) while the meeting's call for topics is open. The office
/// accepts it onto the agenda (an item of kind discussion, presented by the department, within the meeting's time) or
/// declines it with a reason; the department (or the office) may edit or withdraw it while it is proposed, and the office
/// may withdraw an accepted one, whose agenda item then goes. The review has the speaker's shape (<see cref="Speaker"/>):
/// both use <see cref="Proposals"/> and <see cref="Agenda.Add"/>; the lifecycles stay apart (a speaker is invited and
/// withdrawn by the city, a topic belongs to a department and is limited per department).
/// </summary>
public sealed class Topic : AggregateRoot, IVersioned
{
    public const int TitleMaxLength = AgendaItem.TitleMaxLength;
    public const int DescriptionMaxLength = AgendaItem.DescriptionMaxLength;
    public const int ReasonMaxLength = 1000;
    public const int MinMinutes = 5;
    public const int MaxMinutes = 120;

    /// <summary>At most this many proposed or accepted topics per department and meeting.</summary>
    public const int MaxActivePerDepartment = 5;

    private Topic()
    {
        Title = PresenterName = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public Guid DepartmentId { get; private set; }
    public string Title { get; private set; }
    public string? Description { get; private set; }
    public int RequestedMinutes { get; private set; }
    public bool DecisionNeeded { get; private set; }
    public string PresenterName { get; private set; }
    public string? PresenterEmail { get; private set; }
    public TopicStatus Status { get; private set; }
    public string? DecisionReason { get; private set; }
    public Guid? AgendaItemId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>
    /// The department's place (1 to <see cref="MaxActivePerDepartment"/>) that the topic holds while proposed or accepted;
    /// null once declined or withdrawn. Unique per meeting and department in the database, so that two proposals at the
    /// same moment cannot both take the last place: the later one finds it taken, counts again and is refused.
    /// </summary>
    public int? Slot { get; private set; }

    /// <summary>Proposed or accepted: counts against <see cref="MaxActivePerDepartment"/>.</summary>
    public bool IsActive => Status is TopicStatus.Proposed or TopicStatus.Accepted;

    /// <summary>
    /// A department proposes a topic: only while the call is open (409 otherwise, also when there is none) and while the
    /// department has fewer than <see cref="MaxActivePerDepartment"/> proposed or accepted topics for the meeting
    /// (<paramref name="activeOfDepartment"/>, 409). Without a presenter, the department's head presents.
    /// </summary>
    public static Topic Propose(Meeting meeting, TopicCall? call, Department department, TopicInput input, int activeOfDepartment, DateTimeOffset now) =>
        Propose(meeting, call, department, input, Enumerable.Range(1, activeOfDepartment).Select(slot => (int?)slot).ToList(), now);

    /// <summary>
    /// <see cref="Propose(Meeting, TopicCall?, Department, TopicInput, int, DateTimeOffset)"/> given the places the
    /// department's proposed or accepted topics hold (<paramref name="activeSlots"/>, one per topic; null for a topic of
    /// before the places): the new topic takes the lowest free place.
    /// </summary>
    public static Topic Propose(Meeting meeting, TopicCall? call, Department department, TopicInput input, IReadOnlyCollection<int?> activeSlots, DateTimeOffset now)
    {
        var activeOfDepartment = activeSlots.Count;
        Proposals.EnsureOpen(meeting, now, "Topics");
        if (call is null || call.MeetingId != meeting.Id)
        {
            throw new DomainException("The meeting has no call for topics; topics can be proposed only while one is open.");
        }

        call.EnsureOpen(now);
        if (!department.Active)
        {
            throw DomainValidationException.For("departmentId", "must be an active department.");
        }

        var topic = new Topic { Id = Ids.New(), MeetingId = meeting.Id, DepartmentId = department.Id, Status = TopicStatus.Proposed, CreatedAt = now };
        topic.Apply(input, department, now);
        if (activeOfDepartment >= MaxActivePerDepartment)
        {
            throw new TopicLimitException($"The department has {activeOfDepartment} topics proposed or accepted for this meeting; at most {MaxActivePerDepartment} are allowed.");
        }

        topic.Slot = Enumerable.Range(1, MaxActivePerDepartment).First(slot => !activeSlots.Contains(slot));
        return topic;
    }

    /// <summary>Whether the topic is <paramref name="departmentId"/>'s own (a department key or link sees and changes only these).</summary>
    public bool BelongsTo(Guid departmentId) => DepartmentId == departmentId;

    /// <summary>Topics of one department, for queries (<see cref="BelongsTo"/>).</summary>
    public static Expression<Func<Topic, bool>> OfDepartment(Guid departmentId) => t => t.DepartmentId == departmentId;

    /// <summary>The department's proposed or accepted topics of a meeting (the limit counts these).</summary>
    public static Expression<Func<Topic, bool>> ActiveOf(Guid meetingId, Guid departmentId) =>
        t => t.MeetingId == meetingId && t.DepartmentId == departmentId && (t.Status == TopicStatus.Proposed || t.Status == TopicStatus.Accepted);

    /// <summary>Edits the proposal: only while it is proposed and the meeting ahead.</summary>
    public void Edit(Meeting meeting, Department department, TopicInput input, DateTimeOffset now)
    {
        Proposals.EnsureOpen(meeting, now, "Topics");
        EnsureStatus(TopicStatus.Proposed, "edited");
        Apply(input, department, now);
    }

    /// <summary>
    /// Withdraws the topic. A proposed one: its department or the office. An accepted one: the office only — its agenda item
    /// leaves the agenda and the head is told (<c>topic-declined</c>).
    /// </summary>
    public void Withdraw(Meeting meeting, TopicActor actor, Person head, DateTimeOffset now)
    {
        Proposals.EnsureOpen(meeting, now, "Topics");
        if (Status == TopicStatus.Accepted && actor == TopicActor.Office)
        {
            if (AgendaItemId is { } itemId && meeting.Agenda.Items.Any(i => i.Id == itemId))
            {
                meeting.Agenda.Remove(itemId);
            }

            AgendaItemId = null;
            Status = TopicStatus.Withdrawn;
            Slot = null;
            UpdatedAt = now;
            Raise(new TopicDeclined(this, head, WasAccepted: true, now));
            return;
        }

        if (Status == TopicStatus.Accepted)
        {
            throw new DomainException("The topic is accepted; only the office can withdraw it now.");
        }

        EnsureStatus(TopicStatus.Proposed, "withdrawn");
        Status = TopicStatus.Withdrawn;
        Slot = null;
        UpdatedAt = now;
    }

    /// <summary>
    /// The office accepts: an agenda item of kind discussion, presented by the department, lasting
    /// <paramref name="durationMinutes"/> or else the requested minutes, at <paramref name="position"/> (default last) — 409 with
    /// the minutes over when it does not fit into the meeting. The head is told (<c>topic-accepted</c>).
    /// </summary>
    public AgendaItem Accept(Meeting meeting, Department department, Person head, int? position, int? durationMinutes, DateTimeOffset now)
    {
        Proposals.EnsureOpen(meeting, now, "Topics");
        EnsureStatus(TopicStatus.Proposed, "accepted");
        if (department.Id != DepartmentId)
        {
            throw new InvalidOperationException("The topic's own department presents it.");
        }

        var item = meeting.Agenda.Add(
            new AgendaItemInput(Title, Description, durationMinutes ?? RequestedMinutes, AgendaItemKind.Discussion), Presenter.Of(department), position);
        Status = TopicStatus.Accepted;
        AgendaItemId = item.Id;
        DecisionReason = null;
        UpdatedAt = now;
        Raise(new TopicAccepted(this, head, now));
        return item;
    }

    /// <summary>The office declines a proposed topic with a reason; the head is told (<c>topic-declined</c>).</summary>
    public void Decline(Meeting meeting, string? reason, Person head, DateTimeOffset now)
    {
        Proposals.EnsureOpen(meeting, now, "Topics");
        var errors = new ValidationErrors();
        var validReason = errors.MultilineText("reason", reason, ReasonMaxLength);
        errors.ThrowIfAny();
        EnsureStatus(TopicStatus.Proposed, "declined");
        Status = TopicStatus.Declined;
        Slot = null;
        DecisionReason = validReason;
        UpdatedAt = now;
        Raise(new TopicDeclined(this, head, WasAccepted: false, now));
    }

    private void EnsureStatus(TopicStatus expected, string change)
    {
        if (Status != expected)
        {
            throw new DomainException($"The topic is {Status.ToString().ToLowerInvariant()}; only a {expected.ToString().ToLowerInvariant()} topic can be {change}.");
        }
    }

    private void Apply(TopicInput input, Department department, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var title = errors.Text("title", input.Title, TitleMaxLength);
        var description = errors.OptionalMultilineText("description", input.Description, DescriptionMaxLength);
        var minutes = errors.Required("requestedMinutes", input.RequestedMinutes);
        if (input.RequestedMinutes is < MinMinutes or > MaxMinutes)
        {
            errors.Add("requestedMinutes", $"must be between {MinMinutes} and {MaxMinutes}.");
        }

        string presenterName = department.Head.Name;
        string? presenterEmail = department.Head.Email;
        if (input.PresenterName is not null || input.PresenterEmail is not null)
        {
            presenterName = errors.Text("presenter.name", input.PresenterName, Person.NameMaxLength);
            presenterEmail = string.IsNullOrWhiteSpace(input.PresenterEmail) ? null : errors.Email("presenter.email", input.PresenterEmail);
        }

        errors.ThrowIfAny();
        Title = title;
        Description = description;
        RequestedMinutes = minutes;
        DecisionNeeded = input.DecisionNeeded ?? false;
        PresenterName = presenterName;
        PresenterEmail = presenterEmail;
        UpdatedAt = now;
    }
}

/// <summary>
/// Unvalidated topic data as it arrives from outside. No presenter (neither name nor e-mail): the department's head presents.
/// </summary>
public sealed record TopicInput(string? Title, string? Description, int? RequestedMinutes, bool? DecisionNeeded, string? PresenterName, string? PresenterEmail);

/// <summary>
/// The department has <see cref="Topic.MaxActivePerDepartment"/> topics proposed or accepted already (409 like any
/// <see cref="DomainException"/>; its own type so that the head's page can say so rather than guess).
/// </summary>
public sealed class TopicLimitException(string message) : DomainException(message);
