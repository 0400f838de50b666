using MediatR;
using Meetings.Api.Auth;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Departments;

/// <summary>One department: admins any, a department key its own (403 otherwise).</summary>
public sealed record GetDepartment(Guid Id) : IRequest<DepartmentResponse>;

internal sealed class GetDepartmentHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<GetDepartment, DepartmentResponse>
{
    public async Task<DepartmentResponse> Handle(GetDepartment request, CancellationToken ct)
    {
        var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == request.Id, ct)
            ?? throw new NotFoundException("Department", request.Id);
        caller.EnsureMayRead(department);
        return DepartmentResponse.From(department);
    }
}
