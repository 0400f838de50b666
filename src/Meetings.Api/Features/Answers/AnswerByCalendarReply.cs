using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Features.Meetings;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Answers;
using Meetings.Infrastructure.Calendar;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Answers;

/// <summary>
/// An iTIP REPLY (RFC 5546) as a calendar system sends it: matched by UID and the attendee's address (head or
/// delegate); what it means is <see cref="CalendarReply"/>'s rule (PARTSTAT, a stale SEQUENCE is a 409, the delegate's name).
/// </summary>
public sealed record AnswerByCalendarReply(string Body) : IRequest<InvitationResponse>;

internal sealed class AnswerByCalendarReplyHandler(MeetingsDbContext db, IAnswerStore answers, Caller caller)
    : IRequestHandler<AnswerByCalendarReply, InvitationResponse>
{
    public async Task<InvitationResponse> Handle(AnswerByCalendarReply request, CancellationToken ct)
    {
        CalendarReply reply;
        try
        {
            reply = CalendarReplyReader.Read(request.Body);
        }
        catch (CalendarFormatException e)
        {
            throw DomainValidationException.For(e.Field, e.Message);
        }

        var meetingId = reply.MeetingId is { } id && await db.Meetings.AnyAsync(m => m.Id == id, ct) ? id : throw new NotFoundException("Meeting", reply.Uid);
        var deputy = reply.DelegatedToEmail is { } delegatedTo
            ? await db.Departments.AsNoTracking().Where(d => d.Deputy != null && d.Deputy.Email == delegatedTo).Select(d => d.Deputy!.Name).FirstOrDefaultAsync(ct)
            : null;
        var recorded = await answers.RecordAsync(
            new AnswerRequest(
                new InvitationRef.ByAttendee(meetingId, reply.AttendeeEmail), reply.WithDeputyNamed(deputy),
                AnswerChannel.Calendar, $"{caller.Actor} for {reply.AttendeeEmail}", caller.DepartmentScope, Invitation.HistoryShown),
            ct);
        return InvitationResponse.From(recorded.Invitation);
    }
}
