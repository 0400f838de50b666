using System.Security.Cryptography;
using Meetings.Domain.Common;
using Meetings.Domain.Directory;

namespace Meetings.Domain.Meetings;

public enum InvitationKind
{
    Department,
    Host,
    Speaker,
}

public enum RsvpStatus
{
    Pending,
    Accepted,
    Declined,
    Tentative,
    Delegated,
}

/// <summary>Through which channel an answer or change came.</summary>
public enum RsvpChannel
{
    Api,
    Token,
    Calendar,
    Admin,
}

/// <summary>
/// One change of an invitation's answer, kept for good. The history is append-only: an invitation loaded
/// for a change need not load it; new entries are added to what is stored.
/// </summary>
public sealed class RsvpHistoryEntry
{
    public const int ActorMaxLength = 300;
    public const int NoteMaxLength = 1100;

    private RsvpHistoryEntry()
    {
        Actor = string.Empty;
    }

    internal RsvpHistoryEntry(RsvpStatus status, DateTimeOffset at, RsvpChannel via, string actor, string? note)
    {
        Status = status;
        At = at;
        Via = via;
        Actor = actor.Length > ActorMaxLength ? actor[..ActorMaxLength] : actor;
        Note = note is { Length: > NoteMaxLength } ? note[..NoteMaxLength] : note;
    }

    /// <summary>Given by the database in the order the entries were stored: the history's order.</summary>
    public long Id { get; private set; }

    public RsvpStatus Status { get; private set; }
    public DateTimeOffset At { get; private set; }
    public RsvpChannel Via { get; private set; }
    public string Actor { get; private set; }
    public string? Note { get; private set; }
}

/// <summary>
/// An invitation of one person (a department head, a host, a confirmed speaker) to one meeting, with
/// the answer and its history. Answers are written concurrently by integrations, so it carries its
/// own version; it never bumps its meeting's version.
/// </summary>
public sealed class Invitation : IVersioned
{
    public const int CommentMaxLength = 1000;

    /// <summary>Room for a token (43 characters: 256 bits, base64url).</summary>
    public const int TokenMaxLength = 64;

    /// <summary>How often an invitation's delegate may change within a day (each new delegate is mailed the invitation).</summary>
    public const int MaxDelegateChangesPerDay = 5;

    /// <summary>How many of the latest history entries a response shows; the whole history is paged.</summary>
    public const int HistoryShown = 20;

    private List<RsvpHistoryEntry> _history = [];

    private Invitation()
    {
        Recipient = null!;
        RsvpToken = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public InvitationKind Kind { get; private set; }
    public Guid? DepartmentId { get; private set; }
    public Guid? SpeakerId { get; private set; }
    public Person Recipient { get; private set; }
    public RsvpStatus Status { get; private set; }
    public Person? Delegate { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset? RespondedAt { get; private set; }

    /// <summary>
    /// The personal link's secret: 256 random bits, URL-safe. It is the invitee's alone: a new person receiving the
    /// invitation (a new head, a re-activated department) gets a new one, and the old link is unknown from then on.
    /// </summary>
    public string RsvpToken { get; private set; }

    /// <summary>
    /// The delegate's own link while there is a delegate: it opens the invitation for reading, never answers it (the
    /// answer stays the invitee's). A new delegate gets a new one; it ends with the delegation.
    /// </summary>
    public string? DelegateToken { get; private set; }

    /// <summary>How many entries the history has in all (<see cref="History"/> may hold only the latest).</summary>
    public int HistoryTotal { get; private set; }

    /// <summary>Since when the delegate changes of the current day are counted (<see cref="MaxDelegateChangesPerDay"/>).</summary>
    public DateTimeOffset? DelegateChangesSince { get; private set; }

    /// <summary>How often the delegate changed since <see cref="DelegateChangesSince"/>.</summary>
    public int DelegateChanges { get; private set; }

    /// <summary>Set when the invitation no longer applies (department deactivated, speaker withdrawn).</summary>
    public DateTimeOffset? WithdrawnAt { get; private set; }

    /// <summary>Recorded when the meeting is completed.</summary>
    public bool? Attended { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public int Version { get; private set; }
    /// <summary>
    /// The changes of the answer, oldest first — as far as loaded (often only the latest; see <see cref="RsvpHistoryEntry"/>):
    /// the stored entries in the order they were stored, then those added since.
    /// </summary>
    public IReadOnlyList<RsvpHistoryEntry> History => [.. _history.OrderBy(h => h.Id == 0).ThenBy(h => h.Id)];

    public bool IsOpen => WithdrawnAt is null;

    /// <summary>Who gets the mails: the delegate where there is one, else the recipient.</summary>
    public Person MailRecipient => Status == RsvpStatus.Delegated && Delegate is not null ? Delegate : Recipient;

    /// <summary>
    /// The personal link of the person mailed at <paramref name="email"/>: the invitee's token for the invitee, the
    /// delegate's own for the delegate, none for anyone else (the invitee's link is never mailed to another person).
    /// </summary>
    public string? TokenFor(string email) =>
        string.Equals(email, Recipient.Email, StringComparison.OrdinalIgnoreCase) ? RsvpToken
        : Status == RsvpStatus.Delegated && Delegate is not null && string.Equals(email, Delegate.Email, StringComparison.OrdinalIgnoreCase) ? DelegateToken
        : null;

    internal static Invitation Create(Guid meetingId, InvitationKind kind, Person recipient, Guid? departmentId, Guid? speakerId, DateTimeOffset now) => new()
    {
        Id = Ids.New(),
        MeetingId = meetingId,
        Kind = kind,
        DepartmentId = departmentId,
        SpeakerId = speakerId,
        Recipient = recipient with { }, // a value of its own: EF cannot share one owned instance between owners
        Status = RsvpStatus.Pending,
        RsvpToken = NewToken(),
        CreatedAt = now,
    };

    public static string NewToken() => ApiKey.Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// Why the invitation takes no answer now through <paramref name="via"/>, or null when it does. The meeting
    /// must be published (an admin may also record an answer for a completed one), and — except for an admin
    /// recording an answer on someone's behalf — not started and before its RSVP deadline.
    /// </summary>
    public AnswersClosed? ClosedFor(Meeting meeting, RsvpChannel via, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return AnswersClosed.Withdrawn;
        }

        if (meeting.Status != MeetingStatus.Published && !(via == RsvpChannel.Admin && meeting.Status == MeetingStatus.Completed))
        {
            return meeting.Status switch
            {
                MeetingStatus.Cancelled => AnswersClosed.MeetingCancelled,
                MeetingStatus.Completed => AnswersClosed.MeetingCompleted,
                _ => AnswersClosed.MeetingNotPublished,
            };
        }

        if (via == RsvpChannel.Admin)
        {
            return null;
        }

        if (meeting.StartsAt <= now)
        {
            return AnswersClosed.MeetingStarted;
        }

        return meeting.RsvpDeadline is { } deadline && deadline <= now ? AnswersClosed.DeadlinePassed : null;
    }

    /// <summary><see cref="ClosedFor"/> in words (the API's 409 detail), or null when answers are open.</summary>
    public string? WhyClosed(Meeting meeting, RsvpChannel via, DateTimeOffset now) => ClosedFor(meeting, via, now) switch
    {
        null => null,
        AnswersClosed.Withdrawn => "This invitation was withdrawn; it takes no answers.",
        AnswersClosed.MeetingStarted => "The meeting has started; answers are closed.",
        AnswersClosed.DeadlinePassed =>
            $"The RSVP deadline ({meeting.RsvpDeadline:yyyy-MM-dd HH:mm} UTC) has passed; ask the organizer to record your answer.",
        _ => $"The meeting is {meeting.Status.ToString().ToLowerInvariant()}; it takes no answers.",
    };

    /// <summary>
    /// Records an answer, if <see cref="WhyClosed"/> allows it. Repeating the current answer changes nothing and
    /// adds no history entry. A new delegate is told by the ledger (invitation and reminders go to the delegate, with
    /// a link of the delegate's own). Except for an admin recording it, a new delegate must be an address the service
    /// mails (<paramref name="recipients"/>; otherwise 422) and the delegate changes at most
    /// <see cref="MaxDelegateChangesPerDay"/> times a day (otherwise 409).
    /// </summary>
    public void Respond(Meeting meeting, IAnswer answer, RsvpChannel via, string actor, DateTimeOffset now, AllowedRecipients recipients)
    {
        if (meeting.Id != MeetingId)
        {
            throw new ArgumentException("The invitation belongs to another meeting.", nameof(meeting));
        }

        var given = answer.For(this, meeting);
        var errors = new ValidationErrors();
        var status = errors.Required("status", given.Status);
        if (given.Status == RsvpStatus.Pending)
        {
            errors.Add("status", "must be accepted, declined, tentative or delegated.");
        }

        Person? delegatePerson = null;
        if (status == RsvpStatus.Delegated)
        {
            if (given.Delegate is null)
            {
                errors.Add("delegate", "is required when delegating: name and e-mail of the person who comes instead.");
            }
            else
            {
                delegatePerson = Person.Create(errors, "delegate", given.Delegate with { Title = null });
                if (delegatePerson.Email.Length > 0 && delegatePerson.Email == Recipient.Email)
                {
                    errors.Add("delegate.email", "must be someone other than the invitee.");
                }
            }
        }
        else if (given.Delegate is not null)
        {
            errors.Add("delegate", "is only allowed with status delegated.");
        }

        var comment = errors.OptionalMultilineText("comment", given.Comment, CommentMaxLength);
        errors.ThrowIfAny();

        if (WhyClosed(meeting, via, now) is { } closed)
        {
            throw new DomainException(closed);
        }

        if (status == Status && delegatePerson == Delegate && comment == Comment)
        {
            return;
        }

        var newDelegate = status == RsvpStatus.Delegated
                          && (Status != RsvpStatus.Delegated || Delegate is null || Delegate.Email != delegatePerson!.Email);
        if (newDelegate)
        {
            CountDelegateChange(delegatePerson!, via, now, recipients);
        }

        Status = status;
        Delegate = delegatePerson;
        Comment = comment;
        RespondedAt = now;
        if (newDelegate)
        {
            DelegateToken = NewToken();
        }
        else if (status != RsvpStatus.Delegated)
        {
            DelegateToken = null;
        }

        AddHistory(new RsvpHistoryEntry(status, now, via, actor, status == RsvpStatus.Delegated ? $"delegated to {delegatePerson!.Email}" : null));
        if (newDelegate)
        {
            meeting.Raise(new InvitationDelegated(meeting, this, now));
        }
    }

    /// <summary>
    /// A copy of the invitation as it is now, with the history as far as loaded: for reading after later changes
    /// of the same invitation in the same unit of work (answers stored together). <paramref name="stored"/>: entries
    /// stored before, read on their own (the latest ones, for a response) because the invitation was loaded without its
    /// history; they come before the entries it holds.
    /// </summary>
    public Invitation Snapshot(IEnumerable<RsvpHistoryEntry>? stored = null)
    {
        var copy = (Invitation)MemberwiseClone();
        copy._history = [.. stored ?? [], .. _history];
        return copy;
    }

    internal void Withdraw(DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new DomainException("The invitation is withdrawn already.");
        }

        WithdrawnAt = now;
    }

    /// <summary>
    /// A re-activated department: the invitation is open again as a new one — a new link (whoever held the old one),
    /// the answer back to pending (kept in history; a delegation given before the withdrawal ends with it).
    /// </summary>
    internal void Reopen(Person recipient, DateTimeOffset now, string actor)
    {
        WithdrawnAt = null;
        Recipient = recipient with { };
        RsvpToken = NewToken();
        ResetToPending(now, RsvpChannel.Admin, actor, "invited again");
    }

    /// <summary>
    /// A new person receives the invitation (a new department head). Their predecessor's answer was personal, so
    /// the answer goes back to pending (kept in history), and so was the link: the new person gets a new token and
    /// the predecessor's link is unknown from then on. A corrected name or title of the same person changes neither.
    /// </summary>
    internal void Retarget(Person recipient, DateTimeOffset now, string actor)
    {
        var personChanged = Recipient.Email != recipient.Email;
        Recipient = recipient with { };
        if (personChanged)
        {
            RsvpToken = NewToken();
            ResetToPending(now, RsvpChannel.Admin, actor, "new recipient");
        }
    }

    internal void ResetToPending(DateTimeOffset now, RsvpChannel via, string actor, string? note)
    {
        if (Status == RsvpStatus.Pending)
        {
            return;
        }

        Status = RsvpStatus.Pending;
        Delegate = null;
        DelegateToken = null;
        RespondedAt = null;
        AddHistory(new RsvpHistoryEntry(RsvpStatus.Pending, now, via, actor, note));
    }

    private void AddHistory(RsvpHistoryEntry entry)
    {
        _history.Add(entry);
        HistoryTotal++;
    }

    /// <summary>
    /// Counts a new delegate. Unless an admin names it, the address must be one the service mails (422), and the
    /// delegate may change at most <see cref="MaxDelegateChangesPerDay"/> times within 24 hours (409: a rule of this
    /// invitation, whoever asks, not a limit on a client's requests).
    /// </summary>
    private void CountDelegateChange(Person newDelegate, RsvpChannel via, DateTimeOffset now, AllowedRecipients recipients)
    {
        var since = DelegateChangesSince is { } start && now - start < TimeSpan.FromDays(1) ? start : now;
        var changes = since == DelegateChangesSince ? DelegateChanges : 0;
        if (via != RsvpChannel.Admin)
        {
            recipients.EnsureAllowed("delegate.email", newDelegate.Email);
            if (changes >= MaxDelegateChangesPerDay)
            {
                throw new DomainException(
                    $"The delegate of this invitation has changed {MaxDelegateChangesPerDay} times within 24 hours; it can change again after "
                    + $"{since.AddDays(1).UtcDateTime:yyyy-MM-dd HH:mm} UTC. The office can record a delegate at any time.");
            }
        }

        DelegateChangesSince = since;
        DelegateChanges = changes + 1;
    }

    internal void RecordAttendance(bool attended) => Attended = attended;
}

/// <summary>Why an invitation takes no answer (now, through a channel).</summary>
public enum AnswersClosed
{
    Withdrawn,
    MeetingNotPublished,
    MeetingCancelled,
    MeetingCompleted,
    MeetingStarted,
    DeadlinePassed,
}

/// <summary>What an invitee says, as a channel brings it; its meaning may depend on the invitation and the meeting.</summary>
public interface IAnswer
{
    /// <summary>The answer to record for <paramref name="invitation"/> of <paramref name="meeting"/>.</summary>
    RsvpAnswer For(Invitation invitation, Meeting meeting);
}

/// <summary>An answer as it arrives from the API, the personal link or the answer page: it means what it says.</summary>
public sealed record RsvpAnswer(RsvpStatus? Status, PersonInput? Delegate, string? Comment) : IAnswer
{
    public RsvpAnswer For(Invitation invitation, Meeting meeting) => this;
}
