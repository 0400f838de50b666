using MediatR;
using Meetings.Api.Features.Answers;
using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.AnswerPage;

/// <summary>The choices of the answer page's form.</summary>
public enum PageChoice
{
    Accepted,
    Declined,
    Tentative,

    /// <summary>The department's deputy from the directory comes instead.</summary>
    Deputy,

    /// <summary>Someone else, named in the form, comes instead.</summary>
    Other,
}

/// <summary>
/// An answer posted from the answer page: exactly the rules of <c>PUT /api/rsvp/{token}</c> (the same use case,
/// <see cref="RecordAnswer"/>, the same channel), with the deputy taken from the directory rather than from the form.
/// </summary>
public sealed record AnswerByPage(string Token, PageChoice? Choice, string? DelegateName, string? DelegateEmail, string? Comment) : IRequest<Unit>;

internal sealed class AnswerByPageHandler(MeetingsDbContext db, RecordAnswer answers) : IRequestHandler<AnswerByPage, Unit>
{
    public async Task<Unit> Handle(AnswerByPage request, CancellationToken ct)
    {
        var token = LinkTokens.Checked(request.Token);
        var answer = request.Choice switch
        {
            PageChoice.Accepted => new AnswerInput(AnswerStatus.Accepted, null, request.Comment),
            PageChoice.Declined => new AnswerInput(AnswerStatus.Declined, null, request.Comment),
            PageChoice.Tentative => new AnswerInput(AnswerStatus.Tentative, null, request.Comment),
            PageChoice.Deputy => new AnswerInput(AnswerStatus.Delegated, await DeputyOf(token, ct), request.Comment),
            PageChoice.Other => new AnswerInput(AnswerStatus.Delegated, new PersonInput(request.DelegateName, request.DelegateEmail), request.Comment),
            _ => new AnswerInput(null, null, request.Comment),
        };
        await answers.RecordAsync(new AnswerRequest(new InvitationRef.ByToken(token), answer, AnswerChannel.Token, Answerer.AnswerPage), ct);

        return Unit.Value;
    }

    /// <summary>The deputy of the invitation's department, as the directory has them (a department without one: a field error).</summary>
    private async Task<PersonInput> DeputyOf(string token, CancellationToken ct)
    {
        var found = await (
                from i in db.Invitations.AsNoTracking()
                where i.Token == token
                join d in db.Departments on i.DepartmentId equals d.Id into departments
                from d in departments.DefaultIfEmpty()
                select new { Deputy = d == null ? null : d.Deputy })
            .SingleOrDefaultAsync(ct) ?? throw await LinkTokens.WhyNoAnswer(db, token, NotFoundException.Invitation(), ct);
        return found.Deputy is { } deputy
            ? new PersonInput(deputy.Name, deputy.Email, null, deputy.Language)
            : throw DomainValidationException.For("delegate", "names no deputy: the department has none in the directory.");
    }
}
