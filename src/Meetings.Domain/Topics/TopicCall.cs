using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;

namespace Meetings.Domain.Topics;

/// <summary>
/// The office's call for topics for one meeting (Themenanmeldung): open until its <see cref="Deadline"/> or until the office
/// closes it. Opening it (or moving its deadline) mails each active department's head a <c>topic-call</c>
/// (<see cref="TopicMail"/>) with a personal link: the head's invitation link when the meeting is published, else the
/// link of its own that the call keeps per department (<see cref="Links"/>). Both links take proposals while the call is
/// open; the call's own link works only for the head it was made for (a new head: 404).
/// </summary>
public sealed class TopicCall : AggregateRoot, IVersioned
{
    public const int NoteMaxLength = 2000;

    private readonly List<TopicCallLink> _links = [];

    private TopicCall()
    {
    }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public DateTimeOffset Deadline { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>The call's own link per department (for a draft, whose heads have no invitation link yet).</summary>
    public IReadOnlyList<TopicCallLink> Links => _links;

    /// <summary>Open: not closed early and before the deadline.</summary>
    public bool IsOpenAt(DateTimeOffset now) => ClosedAt is null && Deadline > now;

    /// <summary>
    /// Takes proposals now: the call is open and its meeting (known by <paramref name="status"/> and <paramref name="startsAt"/>)
    /// still takes proposals (<see cref="Proposals.AreOpen(MeetingStatus, DateTimeOffset, DateTimeOffset)"/>) — a call on a
    /// cancelled or started meeting does not. What the API calls <c>open</c> and what the head's page offers the form for.
    /// </summary>
    public bool TakesProposalsAt(MeetingStatus status, DateTimeOffset startsAt, DateTimeOffset now) =>
        IsOpenAt(now) && Proposals.AreOpen(status, startsAt, now);

    /// <inheritdoc cref="TakesProposalsAt(MeetingStatus, DateTimeOffset, DateTimeOffset)"/>
    public bool TakesProposalsAt(Meeting meeting, DateTimeOffset now) => TakesProposalsAt(meeting.Status, meeting.StartsAt, now);

    /// <summary>
    /// Opens the call for <paramref name="meeting"/> (a draft or published meeting ahead), the deadline in the future and before
    /// the start. <paramref name="departments"/>: the active departments, whose heads are mailed.
    /// </summary>
    public static TopicCall Open(Meeting meeting, TopicCallInput input, IReadOnlyCollection<Department> departments, DateTimeOffset now)
    {
        var call = new TopicCall { Id = Ids.New(), MeetingId = meeting.Id };
        call.Set(meeting, input, departments, now);
        return call;
    }

    /// <summary>
    /// Sets the deadline and note of an open call, or opens a closed one again. A new deadline (or a call opened again) mails
    /// the heads again; the same deadline with another note does not.
    /// </summary>
    public void Set(Meeting meeting, TopicCallInput input, IReadOnlyCollection<Department> departments, DateTimeOffset now)
    {
        Proposals.EnsureOpen(meeting, now, "Calls for topics");
        var errors = new ValidationErrors();
        var deadline = input.Deadline?.ToUniversalTime();
        var note = errors.OptionalMultilineText("note", input.Note, NoteMaxLength);
        if (deadline is null)
        {
            errors.Add("deadline", "is required.");
        }
        else if (deadline is { } d && d <= now)
        {
            errors.Add("deadline", "must be in the future.");
        }
        else if (deadline is { } before && before >= meeting.StartsAt)
        {
            errors.Add("deadline", "must be before the meeting's start.");
        }

        errors.ThrowIfAny();
        var wasOpen = OpenedAt != default && IsOpenAt(now);
        var mailAgain = !wasOpen || Deadline != deadline!.Value;
        Deadline = deadline!.Value;
        Note = note;
        if (!wasOpen)
        {
            // To the microsecond, the precision PostgreSQL keeps: the call mails' occasion carries the opening and is compared
            // with it as read back at send time (TopicMail).
            OpenedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
            ClosedAt = null;
        }

        foreach (var department in departments.Where(d => d.Active))
        {
            LinkFor(department, now);
        }

        if (mailAgain)
        {
            Raise(new TopicCallOpened(this, meeting, departments.Where(d => d.Active).ToList(), now));
        }
    }

    /// <summary>The office closes the call early; proposals are refused from then on (409).</summary>
    public void Close(DateTimeOffset now)
    {
        if (!IsOpenAt(now))
        {
            throw new DomainException("The call for topics is closed already.");
        }

        ClosedAt = now;
    }

    /// <summary>409 unless the call is open.</summary>
    public void EnsureOpen(DateTimeOffset now)
    {
        if (!IsOpenAt(now))
        {
            throw new DomainException(ClosedAt is { } closed && closed < Deadline
                ? "The call for topics was closed; topics can no longer be proposed."
                : $"The call for topics ended at its deadline ({Deadline:u}); topics can no longer be proposed.");
        }
    }

    /// <summary>The link of <paramref name="department"/>'s current head (made when missing, renewed for a new head).</summary>
    public TopicCallLink LinkFor(Department department, DateTimeOffset now)
    {
        var link = _links.SingleOrDefault(l => l.DepartmentId == department.Id);
        if (link is null)
        {
            link = TopicCallLink.For(department, now);
            _links.Add(link);
        }
        else if (!link.IsFor(department))
        {
            link.Renew(department, now);
        }

        return link;
    }

    /// <summary>The department whose link <paramref name="token"/> is, while its head is still the one it was made for.</summary>
    public TopicCallLink? FindLink(string token) => _links.SingleOrDefault(l => l.Token == token);
}

/// <summary>A department's own link to a call for topics: the head's token, for proposals on a draft meeting.</summary>
public sealed class TopicCallLink
{
    private TopicCallLink()
    {
        HeadEmail = Token = string.Empty;
    }

    public Guid DepartmentId { get; private set; }

    /// <summary>The head the link was made for: it ends when the department's head changes.</summary>
    public string HeadEmail { get; private set; }

    public string Token { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Still the link of the department's current head.</summary>
    public bool IsFor(Department department) =>
        department.Id == DepartmentId && department.Active && string.Equals(department.Head.Email, HeadEmail, StringComparison.OrdinalIgnoreCase);

    internal static TopicCallLink For(Department department, DateTimeOffset now) =>
        new() { DepartmentId = department.Id, HeadEmail = department.Head.Email, Token = Invitation.NewToken(), CreatedAt = now };

    internal void Renew(Department department, DateTimeOffset now)
    {
        HeadEmail = department.Head.Email;
        Token = Invitation.NewToken();
        CreatedAt = now;
    }
}

/// <summary>Unvalidated call data as it arrives from outside.</summary>
public sealed record TopicCallInput(DateTimeOffset? Deadline, string? Note);
