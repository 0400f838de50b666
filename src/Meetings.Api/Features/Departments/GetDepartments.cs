using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Departments;

public sealed record GetDepartment(Guid Id) : IRequest<DepartmentResponse>;

/// <summary>Admins see all departments (optionally only active or inactive ones); a department key sees its own.</summary>
public sealed record ListDepartments(bool? Active, PageRequest Page) : IRequest<Page<DepartmentResponse>>;

internal sealed class DepartmentQueries(MeetingsDbContext db, Caller caller)
    : IRequestHandler<GetDepartment, DepartmentResponse>, IRequestHandler<ListDepartments, Page<DepartmentResponse>>
{
    public async Task<DepartmentResponse> Handle(GetDepartment request, CancellationToken ct)
    {
        var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == request.Id, ct)
            ?? throw new NotFoundException("Department", request.Id);
        caller.EnsureMayRead(department);
        return DepartmentResponse.From(department);
    }

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
