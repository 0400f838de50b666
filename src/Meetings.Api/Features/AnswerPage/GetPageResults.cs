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

/// <summary>
/// One query for the link (its meeting and department); the rest is what every invitee of that department reads alike,
/// kept for the meeting by <see cref="MeetingReadCache"/> (dropped when minutes, tasks or departments are saved here).
/// </summary>
internal sealed class GetPageResultsHandler(MeetingsDbContext db, MeetingReadCache shared) : IRequestHandler<GetPageResults, PageResults>
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

        return await shared.GetAsync(
            invitation.MeetingId, $"page-results:{invitation.DepartmentId}:{request.Language}",
            c => LoadAsync(invitation.MeetingId, invitation.DepartmentId, request.Language, c), ct);
    }

    private async Task<PageResults> LoadAsync(Guid meetingId, Guid? department, string language, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == meetingId, ct);
        (string Heading, IReadOnlyList<ProtocolTask> Tasks) open = (string.Empty, []);
        if (department is { } id)
        {
            var tasks = await ResultsQueries.CarriedOverAsync(db, meeting, id, ct);
            var name = await db.Departments.Where(d => d.Id == id).Select(d => d.Name).SingleAsync(ct);
            open = ProtocolWriter.OpenTasks(tasks, name, language);
        }

        var approved = await db.Minutes.AnyAsync(m => m.MeetingId == meeting.Id && m.Status == MinutesStatus.Approved, ct);
        var minutes = approved && await ResultsQueries.MinutesViewAsync(db, meeting.Id, ct) is { } view ? ProtocolWriter.Of(view, language) : null;
        return new PageResults(open.Heading, open.Tasks, minutes);
    }
}
