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

/// <summary>
/// An invitation of one person (a department head, a host, a confirmed speaker) to one meeting, with the answer and its
/// history. An aggregate of its own: answers are written concurrently by integrations, so it is loaded and saved on its
/// own (<c>db.Invitations</c>), carries its own version (the concurrency token; it never bumps its meeting's) and raises
/// its own events (<see cref="InvitationDelegated"/>). Its meeting creates it (publish, a late department, a speaker) and
/// changes it where the meeting's own change reaches every invitation (reschedule, completion, a new head):
/// <see cref="Meeting.Invitations"/>. The answering rule is <see cref="Answer"/> (<c>Invitation.Answering.cs</c>).
/// </summary>
public sealed partial class Invitation : AggregateRoot, IVersioned
{
    public const int CommentMaxLength = 1000;

    /// <summary>Room for a token (43 characters: 256 bits, base64url).</summary>
    public const int TokenMaxLength = 64;

    /// <summary>How often an invitation's delegate may change within a day (each new delegate is mailed the invitation).</summary>
    public const int MaxDelegateChangesPerDay = 5;

    /// <summary>How many of the latest history entries a response shows; the whole history is paged.</summary>
    public const int HistoryShown = 20;

    private List<AnswerHistoryEntry> _history = [];

    private Invitation()
    {
        Recipient = null!;
        Token = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public InvitationKind Kind { get; private set; }
    public Guid? DepartmentId { get; private set; }
    public Guid? SpeakerId { get; private set; }
    public Person Recipient { get; private set; }
    public AnswerStatus Status { get; private set; }
    public Person? Delegate { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>
    /// The personal link's secret: 256 random bits, URL-safe. It is the invitee's alone: a new person receiving the
    /// invitation (a new head, a re-activated department) gets a new one, and the old link is unknown from then on.
    /// </summary>
    public string Token { get; private set; }

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
    /// The changes of the answer, oldest first — as far as loaded (often only the latest; see <see cref="AnswerHistoryEntry"/>):
    /// the stored entries in the order they were stored, then those added since.
    /// </summary>
    public IReadOnlyList<AnswerHistoryEntry> History => [.. _history.OrderBy(h => h.Id == 0).ThenBy(h => h.Id)];

    public bool IsOpen => WithdrawnAt is null;

    /// <summary>Who gets the mails: the delegate where there is one, else the recipient.</summary>
    public Person MailRecipient => Status == AnswerStatus.Delegated && Delegate is not null ? Delegate : Recipient;

    /// <summary>
    /// The link of whoever attended under the invitation — the invitee's own, or the delegate's own where the invitee had
    /// delegated (the delegate came) —, null when the invitation was not recorded as attended. After the meeting this
    /// link serves feedback and is the one mailed again (<see cref="Meeting.ResendLink"/>).
    /// </summary>
    public string? AttendeeToken => IsOpen && Attended == true ? TokenFor(MailRecipient.Email) : null;

    /// <summary>
    /// The personal link of the person mailed at <paramref name="email"/>: the invitee's token for the invitee, the
    /// delegate's own for the delegate, none for anyone else (the invitee's link is never mailed to another person).
    /// </summary>
    public string? TokenFor(string email) =>
        string.Equals(email, Recipient.Email, StringComparison.OrdinalIgnoreCase) ? Token
        : Status == AnswerStatus.Delegated && Delegate is not null && string.Equals(email, Delegate.Email, StringComparison.OrdinalIgnoreCase) ? DelegateToken
        : null;

    internal static Invitation Create(Guid meetingId, InvitationKind kind, Person recipient, Guid? departmentId, Guid? speakerId, DateTimeOffset now) => new()
    {
        Id = Ids.New(),
        MeetingId = meetingId,
        Kind = kind,
        DepartmentId = departmentId,
        SpeakerId = speakerId,
        Recipient = recipient with { }, // a value of its own: EF cannot share one owned instance between owners
        Status = AnswerStatus.Pending,
        Token = NewToken(),
        CreatedAt = now,
    };

    /// <summary>A new personal link token (the invitation's, a poll ballot's, a calendar feed's).</summary>
    public static string NewToken() => ApiKey.Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether <paramref name="token"/> has a shape a link token can have (else it is unknown without asking the database).</summary>
    public static bool MayBeToken(string token) => token.Length is > 0 and <= TokenMaxLength;

    /// <summary>
    /// A copy of the invitation as it is now, with the history as far as loaded: for reading after later changes
    /// of the same invitation in the same unit of work (answers stored together). <paramref name="stored"/>: entries
    /// stored before, read on their own (the latest ones, for a response) because the invitation was loaded without its
    /// history; they come before the entries it holds.
    /// </summary>
    public Invitation Snapshot(IEnumerable<AnswerHistoryEntry>? stored = null)
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
        Token = NewToken();
        ResetToPending(now, AnswerChannel.Admin, actor, "invited again");
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
            Token = NewToken();
            ResetToPending(now, AnswerChannel.Admin, actor, "new recipient");
        }
    }

    internal void ResetToPending(DateTimeOffset now, AnswerChannel via, string actor, string? note)
    {
        if (Status == AnswerStatus.Pending)
        {
            return;
        }

        Status = AnswerStatus.Pending;
        Delegate = null;
        DelegateToken = null;
        AnsweredAt = null;
        AddHistory(new AnswerHistoryEntry(AnswerStatus.Pending, now, via, actor, note));
    }

    internal void RecordAttendance(bool attended) => Attended = attended;

    private void AddHistory(AnswerHistoryEntry entry)
    {
        _history.Add(entry);
        HistoryTotal++;
    }
}
