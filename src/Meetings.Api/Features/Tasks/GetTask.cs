using MediatR;
using Meetings.Api.Auth;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Tasks;

/// <summary>One task: the office any; a department key its own department's (another's is a 404).</summary>
public sealed record GetTask(Guid Id) : IRequest<TaskResponse>;

internal sealed class GetTaskHandler(MeetingsDbContext db, Caller caller) : IRequestHandler<GetTask, TaskResponse>
{
    public async Task<TaskResponse> Handle(GetTask request, CancellationToken ct) =>
        TaskResponse.From(await db.LoadTask(caller, request.Id, tracked: false, ct));
}
