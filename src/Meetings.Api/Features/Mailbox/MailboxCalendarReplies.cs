using MediatR;
using Meetings.Api.Common;
using Meetings.Api.Features.Answers;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Mail.Inbox;

namespace Meetings.Api.Features.Mailbox;

/// <summary>
/// A calendar reply from the office's mailbox goes through the one answering use case — the request behind
/// <c>POST /api/calendar/replies</c>, <see cref="AnswerByCalendarReply"/> — with the mailbox as who answers
/// (<see cref="Answerer.Service"/> named <c>mailbox, message {identity}</c>: the answer's history and the audit log, a
/// calendar actor of that name, say where it came from). What
/// the use case refuses is told by its problem's status: 409 (a stale SEQUENCE, the deadline) changed nothing; any other
/// 4xx (an unknown meeting or attendee, an unreadable calendar, a delegate not allowed) is for the office to look at.
/// </summary>
internal sealed class MailboxCalendarReplies(IMediator mediator) : IMailboxCalendarReplies
{
    public async Task<MailboxReplyResult> RecordAsync(string calendar, string actor, CancellationToken ct)
    {
        try
        {
            var answered = await mediator.Send(new AnswerByCalendarReply(calendar, Answerer.Service(actor)), ct);
            return new MailboxReplyResult(MailboxReplyOutcome.Recorded, $"invitation {answered.Id}: {answered.Status.ToString().ToLowerInvariant()}");
        }
        catch (Exception e) when (ProblemDetailsSetup.ForDomain(e) is { Status: { } status })
        {
            var words = e is DomainValidationException invalid ? string.Join("; ", invalid.Errors.SelectMany(x => x.Value)) : e.Message;
            return new MailboxReplyResult(status == StatusCodes.Status409Conflict ? MailboxReplyOutcome.ChangedNothing : MailboxReplyOutcome.Refused, $"{status} {words}");
        }
    }
}
