using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Api.Features.Answers;
using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Infrastructure.Mail.Inbox;

namespace Meetings.Api.Features.Mailbox;

/// <summary>
/// A calendar reply from the office's mailbox goes through the one answering use case — the request behind
/// <c>POST /api/calendar/replies</c>, <see cref="AnswerByCalendarReply"/> — with the mailbox as the caller (an office
/// actor named <c>mailbox, message {identity}</c>: the answer's history and the audit log say where it came from). What
/// the use case refuses is told by its problem's status: 409 (a stale SEQUENCE, the deadline) changed nothing; any other
/// 4xx (an unknown meeting or attendee, an unreadable calendar, a delegate not allowed) is for the office to look at.
/// </summary>
internal sealed class MailboxCalendarReplies(IMediator mediator, ActingCaller acting) : IMailboxCalendarReplies
{
    public async Task<MailboxReplyResult> RecordAsync(string calendar, string actor, CancellationToken ct)
    {
        acting.Caller = new Caller(null, actor, ApiKeyRole.Admin, null, null);
        try
        {
            var answered = await mediator.Send(new AnswerByCalendarReply(calendar), ct);
            return new MailboxReplyResult(MailboxReplyOutcome.Recorded, $"invitation {answered.Id}: {answered.Status.ToString().ToLowerInvariant()}");
        }
        catch (Exception e) when (ProblemDetailsSetup.ForDomain(e) is { Status: { } status })
        {
            var words = e is DomainValidationException invalid ? string.Join("; ", invalid.Errors.SelectMany(x => x.Value)) : e.Message;
            return new MailboxReplyResult(status == StatusCodes.Status409Conflict ? MailboxReplyOutcome.ChangedNothing : MailboxReplyOutcome.Refused, $"{status} {words}");
        }
    }
}
