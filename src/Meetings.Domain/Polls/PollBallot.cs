using System.Collections.ObjectModel;
using System.Globalization;
using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;

namespace Meetings.Domain.Polls;

/// <summary>Who a ballot is for: a department (its head votes, or the deputy the head delegated to) or a series host.</summary>
public enum PollBallotKind
{
    Department,
    Host,
}

/// <summary>
/// One participant's ballot in a poll, with a personal link of its own (<see cref="Token"/>; not the invitation's).
/// The head of a department may delegate the vote to someone else (the deputy), who then gets the poll's mails with a
/// link of their own (<see cref="DelegateToken"/>); the head's link keeps working. Its answers are one value: a vote
/// replaces them all. Concurrent votes on the same ballot are told apart by <see cref="Version"/>.
/// </summary>
public sealed class PollBallot : IVersioned
{
    public const int CommentMaxLength = 1000;

    private PollBallot()
    {
        Recipient = null!;
        Token = string.Empty;
        AnswersText = string.Empty;
    }

    private PollBallot(Guid pollId, PollBallotKind kind, Person recipient, Guid? departmentId, DateTimeOffset now)
    {
        Id = Ids.New();
        PollId = pollId;
        Kind = kind;
        Recipient = recipient;
        DepartmentId = departmentId;
        Token = Invitation.NewToken();
        AnswersText = string.Empty;
        IssuedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid PollId { get; private set; }
    public PollBallotKind Kind { get; private set; }
    public Guid? DepartmentId { get; private set; }

    /// <summary>The head of the department, or the host.</summary>
    public Person Recipient { get; private set; }

    public string Token { get; private set; }
    public Person? Delegate { get; private set; }
    public string? DelegateToken { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset? VotedAt { get; private set; }

    /// <summary>The name of whoever voted last (the head, the host or the delegate).</summary>
    public string? VotedBy { get; private set; }

    public int Version { get; private set; }

    /// <summary>The stored answers: <c>{slot id, 32 hex}={y|m|n}</c>, separated by <c>;</c>.</summary>
    private string AnswersText { get; set; }

    /// <summary><see cref="Answers"/> as last read, with the text it was read from (a new text, read from the database or recorded, is read anew).</summary>
    private ParsedAnswers? _parsed;

    /// <summary>Who gets the poll's mails: the delegate where there is one, else the head or host.</summary>
    public Person MailRecipient => Delegate ?? Recipient;

    /// <summary>The answers by slot (read from <see cref="AnswersText"/> once per stored value, not on every access).</summary>
    public IReadOnlyDictionary<Guid, PollAnswer> Answers
    {
        get
        {
            var parsed = _parsed; // one reference, read once: safe for a ballot read by several threads
            if (parsed is null || !ReferenceEquals(parsed.Text, AnswersText))
            {
                _parsed = parsed = new ParsedAnswers(AnswersText, Parse(AnswersText));
            }

            return parsed.Answers;
        }
    }

    /// <summary>Whether every slot of <paramref name="slots"/> has an answer.</summary>
    public bool HasVotedOn(IEnumerable<PollSlot> slots)
    {
        var answers = Answers;
        return VotedAt is not null && slots.All(s => answers.ContainsKey(s.Id));
    }

    /// <summary>The link token of <paramref name="email"/> on this ballot: the head's or host's, or the delegate's own.</summary>
    public string? TokenFor(string email) =>
        string.Equals(email, Recipient.Email, StringComparison.OrdinalIgnoreCase) ? Token
        : Delegate is not null && string.Equals(email, Delegate.Email, StringComparison.OrdinalIgnoreCase) ? DelegateToken
        : null;

    /// <summary>Whether <paramref name="email"/> is (still) one this ballot mails.</summary>
    public bool Mails(string email) => string.Equals(email, MailRecipient.Email, StringComparison.OrdinalIgnoreCase);

    internal static PollBallot ForDepartment(Guid pollId, Department department, DateTimeOffset now) =>
        new(pollId, PollBallotKind.Department, department.Head with { }, department.Id, now); // a copy: an owned value is not shared with the tracked department

    internal static PollBallot ForHost(Guid pollId, Person host, DateTimeOffset now) => new(pollId, PollBallotKind.Host, host, null, now);

    internal void Record(IReadOnlyDictionary<Guid, PollAnswer> answers, string? comment, string voter, DateTimeOffset now)
    {
        AnswersText = Encode(answers);
        Comment = comment;
        VotedAt = now;
        VotedBy = voter;
    }

    /// <summary>Drops the answers of slots no longer offered; true if it had any of them.</summary>
    internal bool Forget(IReadOnlyCollection<Guid> slotIds)
    {
        var answers = Answers;
        var kept = answers.Where(a => !slotIds.Contains(a.Key)).ToDictionary(a => a.Key, a => a.Value);
        if (kept.Count == answers.Count)
        {
            return false;
        }

        AnswersText = Encode(kept);
        return true;
    }

    /// <summary>
    /// The department's head changed: the ballot follows. Another person gets a new link, without the predecessor's
    /// delegate or votes (as an invitation's answer goes back to pending); true then. The same person (a new name or
    /// title) keeps the link and the votes.
    /// </summary>
    internal bool Retarget(Person head, DateTimeOffset now)
    {
        var newPerson = !string.Equals(Recipient.Email, head.Email, StringComparison.OrdinalIgnoreCase);
        if (Recipient == head)
        {
            return false;
        }

        Recipient = head with { };
        if (!newPerson)
        {
            return false;
        }

        Token = Invitation.NewToken();
        Delegate = null;
        DelegateToken = null;
        AnswersText = string.Empty;
        Comment = null;
        VotedAt = null;
        VotedBy = null;
        IssuedAt = now;
        return true;
    }

    internal void DelegateTo(Person person)
    {
        if (Kind != PollBallotKind.Department)
        {
            throw new DomainException("Only a department's head may delegate the vote.");
        }

        if (string.Equals(person.Email, Recipient.Email, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException("The vote cannot be delegated to the head themself.");
        }

        Delegate = person;
        DelegateToken = Invitation.NewToken();
    }

    private sealed record ParsedAnswers(string Text, IReadOnlyDictionary<Guid, PollAnswer> Answers);

    private static IReadOnlyDictionary<Guid, PollAnswer> Parse(string text) => text.Length == 0
        ? ReadOnlyDictionary<Guid, PollAnswer>.Empty
        : text.Split(';').ToDictionary(p => Guid.ParseExact(p[..32], "N"), p => FromCode(p[33])).AsReadOnly();

    private static string Encode(IReadOnlyDictionary<Guid, PollAnswer> answers) =>
        string.Join(';', answers.OrderBy(a => a.Key).Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Key:N}={Code(a.Value)}")));

    private static char Code(PollAnswer answer) => answer switch
    {
        PollAnswer.Yes => 'y',
        PollAnswer.Maybe => 'm',
        _ => 'n',
    };

    private static PollAnswer FromCode(char code) => code switch
    {
        'y' => PollAnswer.Yes,
        'm' => PollAnswer.Maybe,
        _ => PollAnswer.No,
    };
}
