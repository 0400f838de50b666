using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Departments;

/// <summary>Admins see all departments (optionally only active or inactive ones); a department key sees its own.</summary>
public sealed record ListDepartments(bool? Active, PageRequest Page) : IRequest<Page<DepartmentResponse>>;

internal sealed class ListDepartmentsHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<ListDepartments, Page<DepartmentResponse>>
{
    public async Task<Page<DepartmentResponse>> Handle(ListDepartments request, CancellationToken ct)
    {
        var query = db.Departments.AsNoTracking();
        if (!caller.IsAdmin)
        {
            query = query.Where(d => d.Id == caller.DepartmentId);
        }

        if (request.Active is { } active)
        {
            query = query.Where(d => d.Active == active);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(d => d.Code).Skip(request.Page.Skip).Take(request.Page.Take).ToListAsync(ct);
        return new Page<DepartmentResponse>(items.Select(DepartmentResponse.From).ToList(), total);
    }
}
