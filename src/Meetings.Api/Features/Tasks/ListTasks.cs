using System.Linq.Expressions;
using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Results;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Tasks;

/// <summary>
/// Tasks by series, department, status, and overdue (open or in progress, due date passed in the meeting's zone), by due
/// date. A department key sees its own department's only, whatever filter it passes.
/// </summary>
public sealed record ListTasks(Guid? SeriesId, Guid? DepartmentId, string? Status, bool? Overdue, PageRequest Page) : IRequest<Page<TaskResponse>>;

internal sealed class ListTasksHandler(MeetingsDbContext db, Caller caller, TimeProvider clock) : IRequestHandler<ListTasks, Page<TaskResponse>>
{
    public async Task<Page<TaskResponse>> Handle(ListTasks request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var status = StrictEnumConverterFactory.Query<MeetingTaskStatus>(errors, "status", request.Status);
        errors.ThrowIfAny();

        var query = caller.MaySee(db.Tasks.AsNoTracking());
        if (request.SeriesId is { } seriesId)
        {
            query = query.Where(t => t.SeriesId == seriesId);
        }

        if (request.DepartmentId is { } departmentId)
        {
            query = query.Where(t => t.DepartmentId == departmentId);
        }

        if (status is { } wanted)
        {
            query = query.Where(t => t.Status == wanted);
        }

        if (request.Overdue == true)
        {
            query = query.Where(t => t.Status == MeetingTaskStatus.Open || t.Status == MeetingTaskStatus.InProgress)
                .Where(await PastDueAsync(query, ct));
        }

        var total = await query.CountAsync(ct);
        var items = await query.Include(t => t.History).OrderBy(t => t.DueOn).ThenBy(t => t.Id)
            .Skip(request.Page.Skip).Take(request.Page.Take).AsSplitQuery().ToListAsync(ct);
        return new Page<TaskResponse>([.. items.Select(TaskResponse.From)], total);
    }

    /// <summary>Due date before today — today of each task's zone (the zones in use are few).</summary>
    private async Task<Expression<Func<MeetingTask, bool>>> PastDueAsync(IQueryable<MeetingTask> query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var zones = await query.Select(t => t.TimeZone).Distinct().ToListAsync(ct);
        var task = Expression.Parameter(typeof(MeetingTask), "t");
        Expression any = Expression.Constant(false);
        foreach (var zone in zones)
        {
            var today = DateOnly.FromDateTime(Zones.ToLocal(now, zone).DateTime);
            Expression<Func<MeetingTask, bool>> one = t => t.TimeZone == zone && t.DueOn < today;
            any = Expression.OrElse(any, Expression.Invoke(one, task));
        }

        return Expression.Lambda<Func<MeetingTask, bool>>(any, task);
    }
}
