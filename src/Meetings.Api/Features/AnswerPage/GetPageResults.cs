using MediatR;
using Meetings.Api.Features.Rsvp;
using Meetings.Domain.Results;
using Meetings.Infrastructure.Mail.Composition;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.AnswerPage;

/// <summary>
/// What the answer page shows of a meeting's results, in the page's language: for a department's invitation the open
/// tasks of that department carried over from earlier meetings of the series, and — once approved — the minutes,
/// written like the mail's Ergebnisprotokoll. An unknown token shows nothing (the page itself says so).
/// </summary>
public sealed record GetPageResults(string Token, string Language) : IRequest<PageResults>;

/// <summary>The open tasks of the invitee's department (empty for others) with their heading, and the approved minutes (null: none yet).</summary>
public sealed record PageResults(string OpenTasksHeading, IReadOnlyList<ProtocolTask> OpenTasks, Protocol? Minutes)
{
    public static readonly PageResults None = new(string.Empty, [], null);
}

internal sealed class GetPageResultsHandler(MeetingsDbContext db) : IRequestHandler<GetPageResults, PageResults>
{
    public async Task<PageResults> Handle(GetPageResults request, CancellationToken ct)
    {
        var token = RsvpTokens.Checked(request.Token);
        var invitation = await db.Invitations.AsNoTracking().Where(i => i.RsvpToken == token || i.DelegateToken == token)
            .Select(i => new { i.MeetingId, i.DepartmentId }).SingleOrDefaultAsync(ct);
        if (invitation is null)
        {
            return PageResults.None;
        }

        var meeting = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == invitation.MeetingId, ct);
        (string Heading, IReadOnlyList<ProtocolTask> Tasks) open = (string.Empty, []);
        if (invitation.DepartmentId is { } department)
        {
            var tasks = await ResultsQueries.CarriedOverAsync(db, meeting, department, ct);
            var name = await db.Departments.Where(d => d.Id == department).Select(d => d.Name).SingleAsync(ct);
            open = ProtocolWriter.OpenTasks(tasks, name, request.Language);
        }

        var approved = await db.Minutes.AnyAsync(m => m.MeetingId == meeting.Id && m.Status == MinutesStatus.Approved, ct);
        var minutes = approved && await ResultsQueries.MinutesViewAsync(db, meeting.Id, ct) is { } view ? ProtocolWriter.Of(view, request.Language) : null;
        return new PageResults(open.Heading, open.Tasks, minutes);
    }
}
