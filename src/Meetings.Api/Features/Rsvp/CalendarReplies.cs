using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Api.Features.Meetings;
using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Calendar;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Rsvp;

/// <summary>
/// An iTIP REPLY (RFC 5546) as a calendar system sends it: matched by UID and the attendee's address
/// (head or delegate); PARTSTAT becomes the answer; a reply older than the meeting's SEQUENCE is stale (409).
/// </summary>
public sealed record ReceiveCalendarReply(string Body) : IRequest<InvitationResponse>;

internal sealed class ReceiveCalendarReplyHandler(MeetingsDbContext db, AnswerRecorder answers, Caller caller)
    : IRequestHandler<ReceiveCalendarReply, InvitationResponse>
{
    public async Task<InvitationResponse> Handle(ReceiveCalendarReply request, CancellationToken ct)
    {
        CalendarReply reply;
        try
        {
            reply = ICalendar.ReadReply(request.Body);
        }
        catch (CalendarFormatException e)
        {
            throw DomainValidationException.For("body", e.Message);
        }

        var status = reply.PartStat switch
        {
            "ACCEPTED" => RsvpStatus.Accepted,
            "DECLINED" => RsvpStatus.Declined,
            "TENTATIVE" => RsvpStatus.Tentative,
            "DELEGATED" => RsvpStatus.Delegated,
            _ => throw DomainValidationException.For("body", $"PARTSTAT {reply.PartStat} is not an answer (ACCEPTED, DECLINED, TENTATIVE, DELEGATED)."),
        };
        if (status == RsvpStatus.Delegated && reply.DelegatedToEmail is null)
        {
            throw DomainValidationException.For("body", "PARTSTAT=DELEGATED needs DELEGATED-TO with a mailto: address.");
        }

        var meetingId = ICalendar.MeetingIdOf(reply.Uid) ?? throw new NotFoundException("Meeting", reply.Uid);
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, ct)
            ?? throw new NotFoundException("Meeting", reply.Uid);
        if (reply.Sequence < meeting.Sequence)
        {
            throw new DomainException($"The reply answers version {reply.Sequence} of the invitation; the meeting has changed since (now {meeting.Sequence}). Answer the latest invitation.");
        }

        var email = reply.AttendeeEmail;
        var deputy = status == RsvpStatus.Delegated ? await DeputyNamed(reply.DelegatedToEmail!, ct) : null;
        return await answers.RecordAsync(
            q =>
            {
                var mine = q.Where(i => i.MeetingId == meetingId && i.WithdrawnAt == null
                                        && (i.Recipient.Email == email || (i.Delegate != null && i.Delegate.Email == email)));
                return caller.IsAdmin ? mine : mine.Where(i => i.Kind == InvitationKind.Department && i.DepartmentId == caller.DepartmentId);
            },
            context => new RsvpAnswer(status, status == RsvpStatus.Delegated ? DelegateOf(reply, context.Invitation, deputy) : null, null),
            (invitation, _) => InvitationResponse.From(invitation, showToken: caller.IsAdmin),
            RsvpChannel.Calendar,
            $"{caller.Actor} for {email}",
            withHistory: true);
    }

    /// <summary>The delegate's name: from the directory when it is a known deputy, else the reply's CN, else the mailbox.</summary>
    private static PersonInput DelegateOf(CalendarReply reply, Invitation invitation, string? deputyName)
    {
        var email = reply.DelegatedToEmail!;
        var name = deputyName
                   ?? (reply.AttendeeName is { Length: > 0 } cn && !string.Equals(cn, invitation.Recipient.Name, StringComparison.OrdinalIgnoreCase) ? cn : null)
                   ?? email[..email.IndexOf('@', StringComparison.Ordinal)];
        return new PersonInput(name, email);
    }

    private async Task<string?> DeputyNamed(string email, CancellationToken ct) =>
        await db.Departments.AsNoTracking().Where(d => d.Deputy != null && d.Deputy.Email == email).Select(d => d.Deputy!.Name).FirstOrDefaultAsync(ct);
}
