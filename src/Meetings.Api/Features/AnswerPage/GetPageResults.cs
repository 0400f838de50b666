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
/// What every invitee of the meeting reads alike, for all its departments at once, kept by <see cref="MeetingReadCache"/>
/// (dropped when minutes, tasks or departments are saved here): no query at all while it is kept. Kept by meeting and
/// language, not by department — a meeting's thousand departments' pages would each miss a department's entry.
/// </summary>
internal sealed class GetPageResultsHandler(MeetingsDbContext db, MeetingReadCache shared) : IRequestHandler<GetPageResults, PageResults>
{
    public async Task<PageResults> Handle(GetPageResults request, CancellationToken ct)
    {
        var results = await shared.GetAsync(request.MeetingId, $"page-results:{request.Language}", c => LoadAsync(request.MeetingId, request.Language, c), ct);
        return request.DepartmentId is { } department && results.OpenTasks.TryGetValue(department, out var open)
            ? new PageResults(open.Heading, open.Tasks, results.Minutes)
            : new PageResults(string.Empty, [], results.Minutes);
    }

    private async Task<MeetingResults> LoadAsync(Guid meetingId, string language, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == meetingId, ct);
        var carried = await ResultsQueries.CarriedOverAsync(db, meeting, null, ct);
        var departments = carried.Select(t => t.DepartmentId).Distinct().ToList();
        var names = await db.Departments.AsNoTracking().Where(d => departments.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var open = carried.GroupBy(t => t.DepartmentId)
            .ToDictionary(g => g.Key, g => ProtocolWriter.OpenTasks([.. g], names[g.Key], language));
        var approved = await db.Minutes.AnyAsync(m => m.MeetingId == meeting.Id && m.Status == MinutesStatus.Approved, ct);
        var minutes = approved && await ResultsQueries.MinutesViewAsync(db, meeting.Id, ct) is { } view ? ProtocolWriter.Of(view, language) : null;
        return new MeetingResults(open, minutes);
    }

    /// <summary>The open tasks carried over into the meeting by department (only departments that have some), and the approved minutes.</summary>
    private sealed record MeetingResults(Dictionary<Guid, (string Heading, IReadOnlyList<ProtocolTask> Tasks)> OpenTasks, Protocol? Minutes);
}
