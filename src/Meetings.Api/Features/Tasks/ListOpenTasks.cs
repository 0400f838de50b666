using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Tasks;

/// <summary>
/// The tasks carried over into a meeting: the series' tasks still open or in progress at its start, from earlier meetings
/// of the same series only — what the next minutes show under <c>carriedOver</c>. A department key reads its own
/// department's in full and every other department's as title, department, due date and status only
/// (<see cref="CarriedOverTaskResponse.For"/>).
/// </summary>
public sealed record ListOpenTasks(Guid MeetingId, PageRequest Page) : IRequest<Page<CarriedOverTaskResponse>>;

internal sealed class ListOpenTasksHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<ListOpenTasks, Page<CarriedOverTaskResponse>>
{
    public async Task<Page<CarriedOverTaskResponse>> Handle(ListOpenTasks request, CancellationToken ct)
    {
        var meeting = await caller.MaySee(db.Meetings.AsNoTracking()).SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
            ?? throw new NotFoundException("Meeting", request.MeetingId);
        var tasks = await ResultsQueries.CarriedOverAsync(db, meeting, null, ct);
        return new Page<CarriedOverTaskResponse>(
            [.. tasks.Skip(request.Page.Skip).Take(request.Page.Take).Select(t => CarriedOverTaskResponse.For(t, caller.DepartmentScope))], tasks.Count);
    }
}
