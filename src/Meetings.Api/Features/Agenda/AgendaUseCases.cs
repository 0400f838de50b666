using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Agenda;

public sealed record GetAgenda(Guid MeetingId) : IRequest<AgendaResponse>;

public sealed record AddAgendaItem(Guid MeetingId, AgendaItemBody Body) : IRequest<AgendaResponse>;

public sealed record UpdateAgendaItem(Guid MeetingId, Guid ItemId, AgendaItemBody Body) : IRequest<AgendaResponse>;

public sealed record RemoveAgendaItem(Guid MeetingId, Guid ItemId) : IRequest<AgendaResponse>;

public sealed record ReorderAgenda(Guid MeetingId, AgendaOrderBody Body) : IRequest<AgendaResponse>;

internal sealed class AgendaHandlers(MeetingsDbContext db, Caller caller) :
    IRequestHandler<GetAgenda, AgendaResponse>,
    IRequestHandler<AddAgendaItem, AgendaResponse>,
    IRequestHandler<UpdateAgendaItem, AgendaResponse>,
    IRequestHandler<RemoveAgendaItem, AgendaResponse>,
    IRequestHandler<ReorderAgenda, AgendaResponse>
{
    public async Task<AgendaResponse> Handle(GetAgenda request, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Agenda).SingleOrDefaultAsync(m => m.Id == request.MeetingId, ct);
        return meeting is null || (meeting.Status == MeetingStatus.Draft && !caller.IsAdmin)
            ? throw new NotFoundException("Meeting", request.MeetingId)
            : AgendaResponse.From(meeting);
    }

    public async Task<AgendaResponse> Handle(AddAgendaItem request, CancellationToken ct)
    {
        var meeting = await Load(request.MeetingId, ct);
        meeting.AddAgendaItem(request.Body.ToInput(), await PresenterOf(meeting, request.Body.Presenter, ct), request.Body.Position);
        await db.SaveChangesAsync(ct);
        return AgendaResponse.From(meeting);
    }

    public async Task<AgendaResponse> Handle(UpdateAgendaItem request, CancellationToken ct)
    {
        var meeting = await Load(request.MeetingId, ct);
        meeting.UpdateAgendaItem(request.ItemId, request.Body.ToInput(), await PresenterOf(meeting, request.Body.Presenter, ct));
        await db.SaveChangesAsync(ct);
        return AgendaResponse.From(meeting);
    }

    public async Task<AgendaResponse> Handle(RemoveAgendaItem request, CancellationToken ct)
    {
        var meeting = await Load(request.MeetingId, ct);
        meeting.RemoveAgendaItem(request.ItemId);
        await db.SaveChangesAsync(ct);
        return AgendaResponse.From(meeting);
    }

    public async Task<AgendaResponse> Handle(ReorderAgenda request, CancellationToken ct)
    {
        var meeting = await Load(request.MeetingId, ct);
        meeting.ReorderAgenda(request.Body.ItemIds ?? throw DomainValidationException.For("itemIds", "is required."));
        await db.SaveChangesAsync(ct);
        return AgendaResponse.From(meeting);
    }

    private async Task<Meeting> Load(Guid id, CancellationToken ct) =>
        await db.Meetings.Include(m => m.Agenda).SingleOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException("Meeting", id);

    /// <summary>A presenter must exist: a department of the directory, a confirmed speaker of this meeting, or a named host.</summary>
    private async Task<Presenter?> PresenterOf(Meeting meeting, PresenterBody? body, CancellationToken ct)
    {
        if (body is null)
        {
            return null;
        }

        var errors = new ValidationErrors();
        var kind = errors.Required("presenter.kind", body.Kind);
        errors.ThrowIfAny();
        var name = body.Name?.Trim();
        switch (kind)
        {
            case PresenterKind.Host:
                var hostName = errors.Text("presenter.name", name, Domain.Directory.Person.NameMaxLength);
                errors.ThrowIfAny();
                return new Presenter(kind, body.RefId, hostName);
            case PresenterKind.Department:
                var department = body.RefId is { } departmentId
                    ? await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == departmentId, ct)
                    : null;
                return department is null
                    ? throw DomainValidationException.For("presenter.refId", "must name a department.")
                    : new Presenter(kind, department.Id, string.IsNullOrEmpty(name) ? department.Name : name);
            default:
                var speaker = body.RefId is { } speakerId
                    ? await db.Speakers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == speakerId && s.MeetingId == meeting.Id, ct)
                    : null;
                return speaker is { Status: SpeakerStatus.Confirmed }
                    ? new Presenter(kind, speaker.Id, speaker.Name)
                    : throw DomainValidationException.For("presenter.refId", "must name a confirmed speaker of this meeting.");
        }
    }
}
