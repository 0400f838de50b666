using MediatR;
using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Departments;

/// <summary>DELETE deactivates: the department is no longer invited, its history stays.</summary>
public sealed record DeactivateDepartment(Guid Id) : IRequest<Unit>;

internal sealed class DeactivateDepartmentHandler(MeetingsDbContext db, TimeProvider clock, DepartmentInvitations invitations)
    : IRequestHandler<DeactivateDepartment, Unit>
{
    public async Task<Unit> Handle(DeactivateDepartment request, CancellationToken ct)
    {
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == request.Id, ct)
            ?? throw new NotFoundException("Department", request.Id);
        department.Deactivate(clock.GetUtcNow());
        await invitations.SyncAsync(department, ct);
        await PersonFeeds.SyncAsync(db, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
