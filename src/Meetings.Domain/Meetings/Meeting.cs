using System.Linq.Expressions;
using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Mail;

namespace Meetings.Domain.Meetings;

public enum MeetingStatus
{
    Draft,
    Published,
    Cancelled,
    Completed,
}

/// <summary>
/// One meeting of a series with its invitations and its <see cref="Agenda"/>. Instants are UTC;
/// <see cref="TimeZone"/> is the zone in which invitees see it. <see cref="Sequence"/> is the iCalendar
/// SEQUENCE: it rises with every change invitees must see (reschedule, title, location, cancel).
/// </summary>
public sealed partial class Meeting : AggregateRoot, IVersioned
{
    public const int TitleMaxLength = 200;
    public const int MottoMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int ReasonMaxLength = 1000;
    public const int MaxDurationMinutes = 24 * 60;

    /// <summary>Drafts are the office's own: nobody else sees them (queries: <see cref="VisibleBeyondOffice"/>).</summary>
    public static readonly Expression<Func<Meeting, bool>> VisibleBeyondOffice = m => m.Status != MeetingStatus.Draft;

    private readonly List<Invitation> _invitations = [];
    private readonly List<AgendaItem> _agendaItems = [];

    private Meeting()
    {
        Title = string.Empty;
        TimeZone = Zones.Default;
    }

    public Guid Id { get; private set; }
    public Guid SeriesId { get; private set; }
    public string Title { get; private set; }
    public string? Motto { get; private set; }
    public string? Description { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string TimeZone { get; private set; }
    public Location? Location { get; private set; }
    public DateTimeOffset? AnswerDeadline { get; private set; }
    public MeetingStatus Status { get; private set; }
    public int Sequence { get; private set; }
    public string? CancellationReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>Stored form of <see cref="Reminders"/>: ISO durations, comma separated.</summary>
    public string ReminderOffsets { get; private set; } = ReminderPlan.Default.OffsetsText;

    /// <summary>Stored form of the nudge of <see cref="Reminders"/> (the <c>rsvp-nudge</c> mail before the answer deadline): an ISO duration, or null.</summary>
    public string? NudgeOffset { get; private set; } = ReminderPlan.Iso(ReminderPlan.Default.Nudge!.Value);

    public ReminderPlan Reminders => ReminderPlan.FromStored(ReminderOffsets, NudgeOffset);

    public IReadOnlyCollection<Invitation> Invitations => _invitations;

    /// <summary>The agenda items as stored (in no order): what a query includes. Read and change them through <see cref="Agenda"/>.</summary>
    public IReadOnlyCollection<AgendaItem> AgendaItems => _agendaItems;

    /// <summary>The agenda: items in order, their times, and the rules for changing them.</summary>
    public Agenda Agenda => new(this, _agendaItems);

    public int DurationMinutes => (int)(EndsAt - StartsAt).TotalMinutes;

    /// <summary>Published and not yet started: invitations may still change and answers come in.</summary>
    public bool IsUpcoming(DateTimeOffset now) => Status == MeetingStatus.Published && StartsAt > now;

    /// <summary>Whether anyone but the office may see the meeting (drafts are the office's own).</summary>
    public bool IsVisibleBeyondOffice => Status != MeetingStatus.Draft;

    private string StatusName => Status.ToString().ToLowerInvariant();

    public static Meeting CreateDraft(Series series, MeetingInput input, DateTimeOffset now)
    {
        var meeting = new Meeting
        {
            Id = Ids.New(),
            SeriesId = series.Id,
            Status = MeetingStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var errors = new ValidationErrors();
        var startsAt = errors.Required("startsAt", input.StartsAt).ToUniversalTime();
        var endsAt = (input.EndsAt ?? startsAt.AddMinutes(series.DefaultDurationMinutes)).ToUniversalTime();
        var zone = Zones.Validate(errors, "timeZone", input.TimeZone, series.TimeZone);
        var details = MeetingDetails.Validate(errors, input, series.DefaultLocation);
        CheckTimes(errors, startsAt, endsAt, details.AnswerDeadline);
        errors.ThrowIfAny();

        meeting.Apply(details);
        meeting.StartsAt = startsAt;
        meeting.EndsAt = endsAt;
        meeting.TimeZone = zone;
        return meeting;
    }

    /// <summary>
    /// Changes the details. A draft may change everything; a published meeting keeps its times (use
    /// <see cref="Reschedule"/>) and zone. A change invitees see (title or location of a published meeting)
    /// raises <see cref="Sequence"/> and tells them.
    /// </summary>
    public void Edit(MeetingInput input, DateTimeOffset now)
    {
        if (Status is MeetingStatus.Cancelled or MeetingStatus.Completed)
        {
            throw new DomainException($"A {StatusName} meeting cannot be changed.");
        }

        var errors = new ValidationErrors();
        var startsAt = (input.StartsAt ?? StartsAt).ToUniversalTime();
        var endsAt = (input.EndsAt ?? EndsAt).ToUniversalTime();
        var zone = Zones.Validate(errors, "timeZone", input.TimeZone, TimeZone);
        if (Status == MeetingStatus.Published && (startsAt != StartsAt || endsAt != EndsAt || zone != TimeZone))
        {
            throw new DomainException("A published meeting's time is changed by POST /reschedule, which informs every invitee.");
        }

        var details = MeetingDetails.Validate(errors, input, fallbackLocation: null);
        CheckTimes(errors, startsAt, endsAt, details.AnswerDeadline);
        if (Status == MeetingStatus.Published && details.Location is null)
        {
            errors.Add("location", "is required for a published meeting.");
        }

        if (Status == MeetingStatus.Published && details.AnswerDeadline is { } deadline && deadline != AnswerDeadline && deadline <= now)
        {
            errors.Add("rsvpDeadline", "must lie in the future.");
        }

        errors.ThrowIfAny();

        Agenda.EnsureFitsInto((int)(endsAt - startsAt).TotalMinutes);
        var changes = (details.Title != Title ? MeetingChange.Title : 0) | (details.Location != Location ? MeetingChange.Location : 0);
        var visible = Status == MeetingStatus.Published && changes != 0;
        Apply(details);
        StartsAt = startsAt;
        EndsAt = endsAt;
        TimeZone = zone;
        UpdatedAt = now;
        if (visible)
        {
            Sequence++;
            Raise(new MeetingChangedVisibly(this, changes, now));
        }
    }

    /// <summary>
    /// Publishes a draft: one invitation per active department (to its head), one per series host and
    /// one per speaker confirmed while the meeting was a draft.
    /// </summary>
    public void Publish(Series series, IEnumerable<Department> activeDepartments, IEnumerable<Speaker> confirmedSpeakers, DateTimeOffset now)
    {
        if (Status != MeetingStatus.Draft)
        {
            throw new DomainException($"Only a draft can be published; this meeting is {StatusName}.");
        }

        if (StartsAt <= now)
        {
            throw new DomainException("The meeting's start has passed; move it into the future before publishing.");
        }

        if (EndsAt <= StartsAt)
        {
            throw new DomainException("The meeting must end after it starts.");
        }

        if (Location is null)
        {
            throw new DomainException("The meeting needs a location before it is published.");
        }

        if (AnswerDeadline is { } deadline && (deadline >= StartsAt || deadline <= now))
        {
            throw new DomainException("The RSVP deadline must lie between now and the start.");
        }

        Status = MeetingStatus.Published;
        PublishedAt = now;
        UpdatedAt = now;
        foreach (var department in activeDepartments.Where(d => d.Active))
        {
            _invitations.Add(Invitation.Create(Id, InvitationKind.Department, department.Head, department.Id, null, now));
        }

        foreach (var host in series.Hosts)
        {
            _invitations.Add(Invitation.Create(Id, InvitationKind.Host, host, null, null, now));
        }

        foreach (var speaker in confirmedSpeakers.Where(s => s.Status == SpeakerStatus.Confirmed && s.MeetingId == Id))
        {
            _invitations.Add(Invitation.Create(Id, InvitationKind.Speaker, speaker.AsPerson(), null, speaker.Id, now));
        }

        Raise(new MeetingPublished(this, now));
    }

    /// <summary>Replaces the reminder plan; a published meeting's reminders are planned anew.</summary>
    public void SetReminders(ReminderPlan plan, DateTimeOffset now)
    {
        if (Status is not (MeetingStatus.Draft or MeetingStatus.Published))
        {
            throw new DomainException($"The reminders of a {StatusName} meeting cannot change.");
        }

        ReminderOffsets = plan.OffsetsText;
        NudgeOffset = plan.Nudge is { } nudge ? ReminderPlan.Iso(nudge) : null;
        UpdatedAt = now;
        Raise(new RemindersChanged(this, now));
    }

    /// <summary>Moves a published meeting: SEQUENCE + 1, every open answer back to pending (kept in history).</summary>
    public void Reschedule(DateTimeOffset? startsAt, DateTimeOffset? endsAt, string? reason, DateTimeOffset now, string actor)
    {
        if (Status != MeetingStatus.Published)
        {
            throw new DomainException($"Only a published meeting can be rescheduled; this one is {StatusName}. A draft's time is changed with PUT.");
        }

        var errors = new ValidationErrors();
        var start = errors.Required("startsAt", startsAt).ToUniversalTime();
        var end = errors.Required("endsAt", endsAt).ToUniversalTime();
        var validReason = errors.OptionalMultilineText("reason", reason, ReasonMaxLength);
        if (startsAt is not null && endsAt is not null)
        {
            CheckTimes(errors, start, end, deadline: null);
        }

        errors.ThrowIfAny();

        if (StartsAt <= now)
        {
            throw new DomainException("The meeting has started; it can no longer be moved.");
        }

        if (start <= now)
        {
            throw new DomainException("The new start must lie in the future.");
        }

        if (AnswerDeadline is { } deadline && deadline >= start)
        {
            throw new DomainException("The RSVP deadline would fall after the new start; change the deadline first (PUT).");
        }

        if (start == StartsAt && end == EndsAt)
        {
            throw new DomainException("The meeting already takes place at this time.");
        }

        Agenda.EnsureFitsInto((int)(end - start).TotalMinutes);

        StartsAt = start;
        EndsAt = end;
        Sequence++;
        UpdatedAt = now;
        foreach (var invitation in _invitations.Where(i => i.IsOpen))
        {
            invitation.ResetToPending(now, AnswerChannel.Admin, actor, validReason is null ? "rescheduled" : $"rescheduled: {validReason}");
        }

        Raise(new MeetingRescheduled(this, now));
    }

    public void Cancel(string? reason, DateTimeOffset now)
    {
        if (Status is not (MeetingStatus.Draft or MeetingStatus.Published))
        {
            throw new DomainException($"Only a draft or published meeting can be cancelled; this one is {StatusName}.");
        }

        var errors = new ValidationErrors();
        var validReason = errors.OptionalMultilineText("reason", reason, ReasonMaxLength);
        errors.ThrowIfAny();

        var wasPublished = Status == MeetingStatus.Published;
        if (wasPublished)
        {
            Sequence++;
        }

        Status = MeetingStatus.Cancelled;
        CancellationReason = validReason;
        UpdatedAt = now;
        if (wasPublished)
        {
            Raise(new MeetingCancelled(this, now));
        }
    }

    /// <summary>Closes a meeting that has started and records who attended.</summary>
    public void Complete(IReadOnlyCollection<Guid> attendedInvitationIds, DateTimeOffset now)
    {
        if (Status != MeetingStatus.Published)
        {
            throw new DomainException($"Only a published meeting can be completed; this one is {StatusName}.");
        }

        if (StartsAt > now)
        {
            throw new DomainException("The meeting has not started yet.");
        }

        var unknown = attendedInvitationIds.Where(id => _invitations.All(i => i.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            throw DomainValidationException.For("attendedInvitationIds", $"names invitations of another meeting or none: {string.Join(", ", unknown)}.");
        }

        Status = MeetingStatus.Completed;
        UpdatedAt = now;
        foreach (var invitation in _invitations.Where(i => i.IsOpen))
        {
            invitation.RecordAttendance(attendedInvitationIds.Contains(invitation.Id));
        }

        Raise(new MeetingCompleted(this, now));
    }

    private void Apply(MeetingDetails details)
    {
        Title = details.Title;
        Motto = details.Motto;
        Description = details.Description;
        Location = details.Location;
        AnswerDeadline = details.AnswerDeadline;
    }

    /// <summary>
    /// What is wrong with a meeting's time from <paramref name="startsAt"/> to <paramref name="endsAt"/> (null: nothing), in
    /// the words of the <c>endsAt</c> field: a meeting's own, and a poll's slot (<c>Polls/DatePoll</c>), which it may become.
    /// </summary>
    public static string? WhyTimeIsWrong(DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        endsAt <= startsAt ? "must be after startsAt."
        : (endsAt - startsAt).TotalMinutes > MaxDurationMinutes ? "must be at most 24 hours after startsAt."
        : null;

    private static void CheckTimes(ValidationErrors errors, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset? deadline)
    {
        if (WhyTimeIsWrong(startsAt, endsAt) is { } wrong)
        {
            errors.Add("endsAt", wrong);
        }

        if (deadline is { } d && d >= startsAt)
        {
            errors.Add("rsvpDeadline", "must be before startsAt.");
        }
    }
}
