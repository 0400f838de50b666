using MediatR;
using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Departments;

public sealed record CreateDepartment(DepartmentInput Input) : IRequest<DepartmentResponse>;

internal sealed class CreateDepartmentHandler(MeetingsDbContext db, TimeProvider clock, DepartmentInvitations invitations)
    : IRequestHandler<CreateDepartment, DepartmentResponse>
{
    public async Task<DepartmentResponse> Handle(CreateDepartment request, CancellationToken ct)
    {
        var input = request.Input;
        var department = Department.Create(input.Code, input.Name, input.Head?.ToInput(), input.Deputy?.ToInput(), clock.GetUtcNow());
        await DepartmentCodes.EnsureUniqueAsync(db, department, ct);
        db.Departments.Add(department);
        await invitations.SyncAsync(department, ct);
        await PersonFeeds.SyncAsync(db, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return DepartmentResponse.From(department);
    }
}

internal static class DepartmentCodes
{
    public static async Task EnsureUniqueAsync(MeetingsDbContext db, Department department, CancellationToken ct)
    {
        if (await db.Departments.AnyAsync(d => d.Code == department.Code && d.Id != department.Id, ct))
        {
            throw new DomainException($"A department with code '{department.Code}' exists already (possibly inactive).");
        }
    }
}
