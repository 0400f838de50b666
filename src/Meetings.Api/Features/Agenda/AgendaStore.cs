using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Agenda;

/// <summary>What the agenda's use cases load: the meeting with its agenda, and the presenter an item names.</summary>
internal static class AgendaStore
{
    public static async Task<Meeting> LoadWithAgenda(this MeetingsDbContext db, Guid meetingId, CancellationToken ct) =>
        await db.Meetings.Include(m => m.AgendaItems).SingleOrDefaultAsync(m => m.Id == meetingId, ct)
        ?? throw new NotFoundException("Meeting", meetingId);

    /// <summary>
    /// The presenter a body names: a host by name, a department of the directory, a speaker of the meeting — the rules
    /// of each are <see cref="Presenter"/>'s; here only what the body refers to is looked up.
    /// </summary>
    public static async Task<Presenter?> PresenterOf(this MeetingsDbContext db, Meeting meeting, PresenterBody? body, CancellationToken ct)
    {
        if (body is null)
        {
            return null;
        }

        var errors = new ValidationErrors();
        var kind = errors.Required("presenter.kind", body.Kind);
        errors.ThrowIfAny();
        switch (kind)
        {
            case PresenterKind.Host:
                return Presenter.Host(body.Name);
            case PresenterKind.Department:
                var department = body.RefId is { } departmentId ? await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == departmentId, ct) : null;
                return department is null
                    ? throw DomainValidationException.For("presenter.refId", "must name a department.")
                    : Presenter.Of(department, body.Name);
            default:
                var speaker = body.RefId is { } speakerId ? await db.Speakers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == speakerId, ct) : null;
                return speaker is null
                    ? throw DomainValidationException.For("presenter.refId", "must name a confirmed speaker of this meeting.")
                    : Presenter.Of(speaker, meeting);
        }
    }
}
