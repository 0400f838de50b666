using MediatR;
using Meetings.Domain.Results;
using Meetings.Infrastructure.Mail.Composition;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.AnswerPage;

/// <summary>
/// What the answer page shows of a meeting's results, in the page's language: for a department's invitation the open
/// tasks of that department carried over from earlier meetings of the series, and — once approved — the minutes,
/// written like the mail's Ergebnisprotokoll — of the meeting and department of a link the page has already found.
/// </summary>
public sealed record GetPageResults(Guid MeetingId, Guid? DepartmentId, string Language) : IRequest<PageResults>;

/// <summary>The open tasks of the invitee's department (empty for others) with their heading, and the approved minutes (null: none yet).</summary>
public sealed record PageResults(string OpenTasksHeading, IReadOnlyList<ProtocolTask> OpenTasks, Protocol? Minutes)
{
    public static readonly PageResults None = new(string.Empty, [], null);
}

/// <summary>
/// What every invitee of the meeting's department reads alike, kept by <see cref="MeetingReadCache"/> (dropped when
/// minutes, tasks or departments are saved here): no query at all while it is kept.
/// </summary>
internal sealed class GetPageResultsHandler(MeetingsDbContext db, MeetingReadCache shared) : IRequestHandler<GetPageResults, PageResults>
{
    public Task<PageResults> Handle(GetPageResults request, CancellationToken ct) =>
        shared.GetAsync(
            request.MeetingId, $"page-results:{request.DepartmentId}:{request.Language}",
            c => LoadAsync(request.MeetingId, request.DepartmentId, request.Language, c), ct);

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
