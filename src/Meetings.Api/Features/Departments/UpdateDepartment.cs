using MediatR;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Departments;

/// <summary>Replaces a department's fields; <c>active</c> deactivates or re-activates it.</summary>
public sealed record UpdateDepartment(Guid Id, DepartmentInput Input, string? IfMatch) : IRequest<DepartmentResponse>;

internal sealed class UpdateDepartmentHandler(MeetingsDbContext db, TimeProvider clock, DepartmentInvitations invitations, Tasks.DepartmentTasks tasks)
    : IRequestHandler<UpdateDepartment, DepartmentResponse>
{
    public async Task<DepartmentResponse> Handle(UpdateDepartment request, CancellationToken ct)
    {
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == request.Id, ct)
            ?? throw new NotFoundException("Department", request.Id);
        ETags.EnsureMatches(request.IfMatch, department.Version);

        var input = request.Input;
        var headBefore = department.Head.Email;
        department.Update(input.Code, input.Name, input.Head?.ToInput(), input.Deputy?.ToInput());
        if (input.Active is { } active && active != department.Active)
        {
            if (active)
            {
                department.Reactivate();
            }
            else
            {
                department.Deactivate(clock.GetUtcNow());
            }
        }

        await DepartmentCodes.EnsureUniqueAsync(db, department, ct);
        await invitations.SyncAsync(department, ct);
        await tasks.ReaddressAsync(department, headBefore, ct);
        await PersonFeeds.SyncAsync(db, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return DepartmentResponse.From(department);
    }
}
