using MediatR;
using Meetings.Api.Features.Meetings;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Calendar;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Answers;

/// <summary>
/// An iTIP REPLY (RFC 5546) as a calendar system sends it: matched by UID and the attendee's address (head or
/// delegate); what it means is <see cref="CalendarReply"/>'s rule (PARTSTAT, a stale SEQUENCE is a 409, the delegate's name).
/// The entry point of every channel that receives calendar replies: <c>POST /api/calendar/replies</c> (<paramref name="By"/>
/// the key that sent it) and a reader of a mailbox in a background service (<c>Answerer.Service("mailbox")</c>: sent
/// with <c>IMediator.Send</c> from a scope of its own, no HTTP request needed). The history names <c>"{By.Name} for {attendee}"</c>.
/// </summary>
/// <param name="Body">The iCalendar text (<c>METHOD:REPLY</c>).</param>
/// <param name="By">Who hands the reply over: the key of the request, or the service part that read it.</param>
public sealed record AnswerByCalendarReply(string Body, Answerer By) : IRequest<InvitationResponse>;

internal sealed class AnswerByCalendarReplyHandler(MeetingsDbContext db, RecordAnswer answers)
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
                AnswerChannel.Calendar, request.By with { Name = $"{request.By.Name} for {reply.AttendeeEmail}" }, Invitation.HistoryShown),
            ct);
        return InvitationResponse.From(recorded.Invitation);
    }
}
