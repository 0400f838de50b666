using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;

namespace Meetings.Domain.Polls;

public enum PollStatus
{
    Open,
    Closed,
}

/// <summary>
/// Finding a date (Terminabstimmung): before a draft is published, the office offers 2–8 slots and asks every active
/// department's head and every series host which they can make, until a deadline. One poll per meeting, an aggregate of
/// its own (the meeting is not touched by votes). Votes are per ballot (<see cref="PollBallot"/>), each with its own link.
/// Closing with a slot moves the draft to it (<see cref="Meeting.TakeDate"/>).
/// </summary>
public sealed class DatePoll : AggregateRoot, IVersioned
{
    public const int MinSlots = 2;
    public const int MaxSlots = 8;
    public const int NoteMaxLength = 2000;

    private readonly List<PollSlot> _slots = [];
    private readonly List<PollBallot> _ballots = [];

    private DatePoll()
    {
    }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public PollStatus Status { get; private set; }
    public DateTimeOffset Deadline { get; private set; }
    public string? Note { get; private set; }

    /// <summary>1 when opened, + 1 with every change of slots or deadline (the occasion of an update mail).</summary>
    public int Revision { get; private set; }

    public Guid? ChosenSlotId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>The slots, earliest first.</summary>
    public IReadOnlyList<PollSlot> Slots => _slots.OrderBy(s => s.StartsAt).ThenBy(s => s.EndsAt).ToList();

    public IReadOnlyCollection<PollBallot> Ballots => _ballots;

    public PollSlot? Chosen => ChosenSlotId is { } id ? _slots.FirstOrDefault(s => s.Id == id) : null;

    /// <summary>The ballots whose holders have answered every slot.</summary>
    public int Voted => _ballots.Count(b => b.HasVotedOn(_slots));

    /// <summary>When the nudge to those who have not voted falls due: 2 days before the deadline, or at once when that has passed.</summary>
    public static readonly TimeSpan NudgeBefore = TimeSpan.FromDays(2);

    /// <summary>
    /// Opens a poll on a draft: one ballot per active department (its head) and one per series host. The slots: 2–8,
    /// in the future, none overlapping; the deadline in the future and before the first slot.
    /// </summary>
    public static DatePoll Open(Meeting meeting, Series series, IEnumerable<Department> activeDepartments, PollInput input, DateTimeOffset now)
    {
        EnsureDraft(meeting);
        var poll = new DatePoll { Id = Ids.New(), MeetingId = meeting.Id, Status = PollStatus.Open, Revision = 1, CreatedAt = now };
        var (slots, deadline, note) = Validate(input, now);
        poll._slots.AddRange(slots.Select(s => new PollSlot(Ids.New(), s.StartsAt, s.EndsAt)));
        poll.Deadline = deadline;
        poll.Note = note;
        foreach (var department in activeDepartments.Where(d => d.Active))
        {
            poll._ballots.Add(PollBallot.ForDepartment(poll.Id, department, now));
        }

        foreach (var host in series.Hosts)
        {
            poll._ballots.Add(PollBallot.ForHost(poll.Id, host, now));
        }

        poll.Raise(new PollOpened(poll, now));
        return poll;
    }

    /// <summary>
    /// Changes an open poll's slots, deadline or note. A slot offered again at the same time keeps its id and votes;
    /// the votes of slots no longer offered go. Those who had voted and whose ballot the change touched (a slot of theirs
    /// gone, or a new slot to answer) are told by a <c>date-poll</c> update; nobody else is mailed.
    /// </summary>
    public void Change(Meeting meeting, PollInput input, DateTimeOffset now)
    {
        EnsureOpen();
        EnsureDraft(meeting);
        var (slots, deadline, note) = Validate(input, now);
        var kept = _slots.Where(s => slots.Any(n => s.SameTimeAs(new PollSlotInput(n.StartsAt, n.EndsAt)))).ToList();
        var removed = _slots.Except(kept).Select(s => s.Id).ToList();
        var added = slots.Where(n => !kept.Any(s => s.StartsAt == n.StartsAt && s.EndsAt == n.EndsAt))
            .Select(n => new PollSlot(Ids.New(), n.StartsAt, n.EndsAt)).ToList();
        var touched = new List<Guid>();
        foreach (var ballot in _ballots)
        {
            var hadVoted = ballot.VotedAt is not null;
            var lost = ballot.Forget(removed);
            if (hadVoted && (lost || added.Count > 0))
            {
                touched.Add(ballot.Id);
            }
        }

        var deadlineChanged = deadline != Deadline;
        if (removed.Count == 0 && added.Count == 0 && !deadlineChanged && note == Note)
        {
            return;
        }

        _slots.RemoveAll(s => removed.Contains(s.Id));
        _slots.AddRange(added);
        Deadline = deadline;
        Note = note;
        Revision++;
        Raise(new PollChanged(this, touched, deadlineChanged, now));
    }

    /// <summary>The ballot a link token opens: the head's or host's, or the delegate's own; null if none.</summary>
    public PollBallot? BallotOf(string token) => _ballots.FirstOrDefault(b => b.Token == token || b.DelegateToken == token);

    /// <summary>The ballot of a department (for its department key).</summary>
    public PollBallot BallotOfDepartment(Guid departmentId) =>
        _ballots.FirstOrDefault(b => b.DepartmentId == departmentId)
        ?? throw new NotFoundException("The department was not asked in this poll.");

    /// <summary>
    /// Records a vote: every slot answered exactly once (400), while the poll is open, the meeting a draft and the
    /// deadline ahead (409). A vote replaces the ballot's earlier one.
    /// </summary>
    public void Vote(Meeting meeting, PollBallot ballot, IReadOnlyList<PollVoteInput>? votes, string? comment, string voter, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var answers = new Dictionary<Guid, PollAnswer>();
        if (votes is null || votes.Count == 0)
        {
            errors.Add("votes", "must answer every slot.");
        }
        else
        {
            for (var i = 0; i < votes.Count; i++)
            {
                if (votes[i].SlotId is not { } slotId || _slots.All(s => s.Id != slotId))
                {
                    errors.Add($"votes[{i}].slotId", "is not a slot of this poll.");
                }
                else if (votes[i].Answer is not { } answer)
                {
                    errors.Add($"votes[{i}].answer", "is required: yes, maybe or no.");
                }
                else if (!answers.TryAdd(slotId, answer))
                {
                    errors.Add($"votes[{i}].slotId", "is answered twice.");
                }
            }

            if (!errors.Any && answers.Count != _slots.Count)
            {
                errors.Add("votes", "must answer every slot.");
            }
        }

        var validComment = errors.OptionalMultilineText("comment", comment, PollBallot.CommentMaxLength);
        errors.ThrowIfAny();
        EnsureVotable(meeting, now);
        ballot.Record(answers, validComment, voter, now);
    }

    /// <summary>A head delegates the vote (to the department's deputy): the delegate gets a <c>date-poll</c> mail with a link of their own.</summary>
    public void DelegateVote(Meeting meeting, PollBallot ballot, Person delegatePerson, DateTimeOffset now)
    {
        EnsureVotable(meeting, now);
        if (ballot.Delegate is { } current && string.Equals(current.Email, delegatePerson.Email, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        ballot.DelegateTo(delegatePerson);
        Raise(new PollBallotIssued(this, ballot, now));
    }

    /// <summary>
    /// Brings the department's ballot in line with the department while the poll is open (as
    /// <see cref="Meeting.SyncDepartment"/> does for invitations): a new or re-activated department is asked, with a mail of
    /// its own; a deactivated one's ballot is withdrawn (no more mails, not among the participants, its link a 404); a new
    /// head takes the ballot over with a new link (the predecessor's is a 404 from then on), the delegate and the votes
    /// dropped as an invitation's answer is, and gets a <c>date-poll</c> mail of their own.
    /// </summary>
    public void SyncDepartment(Department department, DateTimeOffset now)
    {
        if (Status != PollStatus.Open || now >= Deadline)
        {
            return;
        }

        var ballot = _ballots.FirstOrDefault(b => b.DepartmentId == department.Id);
        if (!department.Active)
        {
            if (ballot is not null)
            {
                _ballots.Remove(ballot);
            }
        }
        else if (ballot is null)
        {
            ballot = PollBallot.ForDepartment(Id, department, now);
            _ballots.Add(ballot);
            Raise(new PollBallotIssued(this, ballot, now));
        }
        else if (ballot.Retarget(department.Head, now))
        {
            Raise(new PollBallotIssued(this, ballot, now));
        }
    }

    /// <summary>
    /// Ends the poll. With a slot (one of the poll's, still ahead), the draft takes its times and every participant is
    /// told (<c>date-chosen</c>); without, the poll just ends. Votes after closing are refused (409).
    /// </summary>
    public void Close(Meeting meeting, Guid? slotId, DateTimeOffset now)
    {
        EnsureOpen();
        PollSlot? chosen = null;
        if (slotId is { } id)
        {
            chosen = _slots.FirstOrDefault(s => s.Id == id)
                ?? throw DomainValidationException.For("slotId", "is not a slot of this poll.");
            if (chosen.StartsAt <= now)
            {
                throw new DomainException("The chosen slot has begun; choose one ahead, or close the poll without a slot.");
            }

            meeting.TakeDate(chosen.StartsAt, chosen.EndsAt, now);
        }

        Status = PollStatus.Closed;
        ChosenSlotId = chosen?.Id;
        ClosedAt = now;
        Raise(new PollClosed(this, chosen, now));
    }

    /// <summary>Why a vote is not taken now (null: it is).</summary>
    public string? WhyNoVote(Meeting meeting, DateTimeOffset now) =>
        Status == PollStatus.Closed ? "The poll is closed."
        : meeting.Status != MeetingStatus.Draft ? $"The meeting is {meeting.Status.ToString().ToLowerInvariant()}; the poll has ended."
        : now >= Deadline ? "The poll's deadline has passed."
        : null;

    private void EnsureVotable(Meeting meeting, DateTimeOffset now)
    {
        if (WhyNoVote(meeting, now) is { } why)
        {
            throw new DomainException(why);
        }
    }

    private void EnsureOpen()
    {
        if (Status != PollStatus.Open)
        {
            throw new DomainException("The poll is closed.");
        }
    }

    private static void EnsureDraft(Meeting meeting)
    {
        if (meeting.Status != MeetingStatus.Draft)
        {
            throw new DomainException("A date poll is for a draft meeting; this one is " + meeting.Status.ToString().ToLowerInvariant() + ".");
        }
    }

    private static (List<(DateTimeOffset StartsAt, DateTimeOffset EndsAt)> Slots, DateTimeOffset Deadline, string? Note) Validate(PollInput input, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var slots = new List<(DateTimeOffset StartsAt, DateTimeOffset EndsAt)>();
        if (input.Slots is not { Count: >= MinSlots and <= MaxSlots })
        {
            errors.Add("slots", $"must offer {MinSlots} to {MaxSlots} slots.");
        }
        else
        {
            for (var i = 0; i < input.Slots.Count; i++)
            {
                var slot = input.Slots[i];
                if (slot?.StartsAt is not { } start || slot.EndsAt is not { } end)
                {
                    errors.Add($"slots[{i}]", "needs startsAt and endsAt.");
                    continue;
                }

                (start, end) = (start.ToUniversalTime(), end.ToUniversalTime());
                if (Meeting.WhyTimeIsWrong(start, end) is { } wrong)
                {
                    errors.Add($"slots[{i}].endsAt", wrong);
                }
                else if (start <= now)
                {
                    errors.Add($"slots[{i}].startsAt", "must lie in the future.");
                }
                else if (slots.Any(s => start < s.EndsAt && s.StartsAt < end))
                {
                    errors.Add($"slots[{i}]", "overlaps another slot.");
                }
                else
                {
                    slots.Add((start, end));
                }
            }
        }

        var deadline = errors.Required("deadline", input.Deadline).ToUniversalTime();
        if (input.Deadline is not null && deadline <= now)
        {
            errors.Add("deadline", "must lie in the future.");
        }
        else if (input.Deadline is not null && slots.Count > 0 && deadline >= slots.Min(s => s.StartsAt))
        {
            errors.Add("deadline", "must be before the first slot.");
        }

        var note = errors.OptionalMultilineText("note", input.Note, NoteMaxLength);
        errors.ThrowIfAny();
        return (slots, deadline, note);
    }
}
