using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Tasks;

/// <summary>
/// The tasks carried over into a meeting: the series' tasks still open or in progress at its start, from earlier meetings
/// of the same series only. A department key sees its own department's.
/// </summary>
public sealed record ListOpenTasks(Guid MeetingId, PageRequest Page) : IRequest<Page<TaskResponse>>;

internal sealed class ListOpenTasksHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<ListOpenTasks, Page<TaskResponse>>
{
    public async Task<Page<TaskResponse>> Handle(ListOpenTasks request, CancellationToken ct)
    {
        var meeting = await caller.MaySee(db.Meetings.AsNoTracking()).SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct)
            ?? throw new NotFoundException("Meeting", request.MeetingId);
        var tasks = await ResultsQueries.CarriedOverAsync(db, meeting, caller.DepartmentScope, ct);
        return new Page<TaskResponse>([.. tasks.Skip(request.Page.Skip).Take(request.Page.Take).Select(TaskResponse.From)], tasks.Count);
    }
}
