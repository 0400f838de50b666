using Meetings.Domain.Common;
using Meetings.Domain.Directory;

namespace Meetings.Domain.Meetings;

/// <summary>
/// An iTIP REPLY (RFC 5546) as a calendar program sends it, in the terms of the rules: which meeting it is
/// about (from the UID), which version of the invitation it answers (SEQUENCE), who answers (the one
/// ATTENDEE, head or delegate), what (PARTSTAT) and, for a delegation, to whom (DELEGATED-TO, with the
/// attendee's CN as calendar programs send it).
/// </summary>
public sealed record CalendarReply
{
    private CalendarReply(string uid, Guid? meetingId, int sequence, string attendeeEmail, string? attendeeName, AnswerStatus status, string? delegatedToEmail)
    {
        (Uid, MeetingId, Sequence, AttendeeEmail, AttendeeName, Status, DelegatedToEmail) =
            (uid, meetingId, sequence, attendeeEmail, attendeeName, status, delegatedToEmail);
    }

    public string Uid { get; }

    /// <summary>The meeting the UID names, if it names one of ours.</summary>
    public Guid? MeetingId { get; }

    public int Sequence { get; }
    public string AttendeeEmail { get; }
    public string? AttendeeName { get; }

    /// <summary>The answer PARTSTAT stands for.</summary>
    public AnswerStatus Status { get; }

    public string? DelegatedToEmail { get; }

    /// <summary>A reply read from iCalendar. PARTSTAT other than an answer (NEEDS-ACTION, IN-PROCESS, …) and a delegation to nobody are 400s.</summary>
    public static CalendarReply Create(
        string uid, Guid? meetingId, int sequence, string attendeeEmail, string? attendeeName, string partStat, string? delegatedToEmail)
    {
        var status = partStat.ToUpperInvariant() switch
        {
            "ACCEPTED" => AnswerStatus.Accepted,
            "DECLINED" => AnswerStatus.Declined,
            "TENTATIVE" => AnswerStatus.Tentative,
            "DELEGATED" when delegatedToEmail is not null => AnswerStatus.Delegated,
            "DELEGATED" => throw DomainValidationException.For("body", "PARTSTAT=DELEGATED needs DELEGATED-TO with a mailto: address."),
            _ => throw DomainValidationException.For("body", $"PARTSTAT {partStat} is not an answer (ACCEPTED, DECLINED, TENTATIVE, DELEGATED)."),
        };
        return new CalendarReply(uid, meetingId, sequence, attendeeEmail, attendeeName, status, status == AnswerStatus.Delegated ? delegatedToEmail : null);
    }

    /// <summary>The reply as an answer, with the delegate's name where the directory knows the address as a deputy's.</summary>
    public IAnswer WithDeputyNamed(string? deputyName) => new Answer(this, deputyName);

    /// <summary>A reply to an older SEQUENCE than the meeting's answers an invitation that has changed since: 409.</summary>
    public void EnsureCurrent(Meeting meeting)
    {
        if (Sequence < meeting.Sequence)
        {
            throw new DomainException($"The reply answers version {Sequence} of the invitation; the meeting has changed since (now {meeting.Sequence}). Answer the latest invitation.");
        }
    }

    /// <summary>
    /// The delegate's name: from the directory when it is a known deputy, else the reply's CN (unless it is the
    /// invitee's own name, which calendar programs put there), else the mailbox's local part.
    /// </summary>
    private PersonInput DelegateFor(Invitation invitation, string? deputyName)
    {
        var email = DelegatedToEmail!;
        var name = deputyName
                   ?? (AttendeeName is { Length: > 0 } cn && !string.Equals(cn, invitation.Recipient.Name, StringComparison.OrdinalIgnoreCase) ? cn : null)
                   ?? email[..email.IndexOf('@', StringComparison.Ordinal)];
        return new PersonInput(name, email);
    }

    private sealed record Answer(CalendarReply Reply, string? DeputyName) : IAnswer
    {
        public AnswerInput For(Invitation invitation, Meeting meeting)
        {
            Reply.EnsureCurrent(meeting);
            return new AnswerInput(Reply.Status, Reply.Status == AnswerStatus.Delegated ? Reply.DelegateFor(invitation, DeputyName) : null, null);
        }
    }
}
