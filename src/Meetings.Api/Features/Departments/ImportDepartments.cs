using MediatR;
using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Meetings.Api.Features.Departments.DepartmentSheet;

namespace Meetings.Api.Features.Departments;

/// <summary>
/// The directory as the office's spreadsheet has it (<see cref="DepartmentSheet"/>): departments matched by code are
/// created, changed, re-activated (a code the file names again) or — with <paramref name="DeactivateMissing"/> — deactivated
/// when the file lacks them. Each line is checked by the same domain rules as the single calls; any error applies
/// nothing. Applied, the changes take the same follow-ups as the single calls (the meetings ahead follow the department:
/// a new head's link rotates and the new head is invited; the head's open tasks are mailed to the new head) and are
/// saved together, in one transaction. A dry run reports the same without saving.
/// </summary>
public sealed record ImportDepartments(byte[] File, bool DryRun, bool DeactivateMissing) : IRequest<DepartmentImportResponse>;

internal sealed class ImportDepartmentsHandler(MeetingsDbContext db, TimeProvider clock, DepartmentInvitations invitations, Tasks.DepartmentTasks tasks)
    : IRequestHandler<ImportDepartments, DepartmentImportResponse>
{
    public async Task<DepartmentImportResponse> Handle(ImportDepartments request, CancellationToken ct)
    {
        var sheet = Read(request.File);
        var errors = sheet.Errors.ToList();
        var existing = await db.Departments.ToListAsync(ct);
        var byCode = existing.ToDictionary(d => d.Code, StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var named = new Dictionary<string, int>(StringComparer.Ordinal);
        var created = new List<Department>();
        var updates = new List<(Department Current, Department Proposed, List<FieldChange> Changes)>();
        var unchanged = 0;
        foreach (var row in sheet.Rows)
        {
            var code = Department.NormalizeCode(row[Code] ?? string.Empty);
            if (code.Length > 0 && !named.TryAdd(code, row.Line))
            {
                errors.Add(new ImportError(row.Line, Code, $"names the department of line {named[code]} again."));
                continue;
            }

            var current = byCode.GetValueOrDefault(code);
            Department proposed;
            try
            {
                proposed = Department.Create(row[Code], row[Name], HeadOf(row, current), DeputyOf(row, current), now); // the rules of the single calls
            }
            catch (DomainValidationException e)
            {
                errors.AddRange(e.Errors.SelectMany(f => f.Value.Select(message => new ImportError(row.Line, ColumnOf(f.Key), message))));
                continue;
            }

            if (current is null)
            {
                created.Add(proposed);
                continue;
            }

            var changes = Changes(current, proposed);
            if (changes.Count == 0)
            {
                unchanged++;
            }
            else
            {
                updates.Add((current, proposed, changes));
            }
        }

        var deactivated = request.DeactivateMissing ? existing.Where(d => d.Active && !named.ContainsKey(d.Code)).OrderBy(d => d.Code, StringComparer.Ordinal).ToList() : [];
        if (errors.Count == 0 && !request.DryRun)
        {
            await ApplyAsync(created, updates, deactivated, now, ct);
        }

        return new DepartmentImportResponse(
            created.Select(DepartmentResponse.From).ToList(),
            updates.Select(u => new DepartmentUpdate(u.Current.Code, u.Changes)).ToList(),
            deactivated.Select(d => d.Code).ToList(),
            unchanged,
            errors.OrderBy(e => e.Line).ToList());
    }

    /// <summary>The same domain methods and follow-ups as CreateDepartment, UpdateDepartment and DeactivateDepartment; one save.</summary>
    private async Task ApplyAsync(
        List<Department> created, List<(Department Current, Department Proposed, List<FieldChange> Changes)> updates, List<Department> deactivated, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var department in created)
        {
            db.Departments.Add(department);
        }

        foreach (var (department, proposed, _) in updates)
        {
            var headBefore = department.Head.Email;
            department.Update(proposed.Code, proposed.Name, Input(proposed.Head), proposed.Deputy is { } deputy ? Input(deputy) : null);
            if (!department.Active)
            {
                department.Reactivate();
            }

            await tasks.ReaddressAsync(department, headBefore, ct);
        }

        foreach (var department in deactivated)
        {
            department.Deactivate(now);
        }

        await invitations.SyncAsync([.. created, .. updates.Select(u => u.Current), .. deactivated], ct);
        await PersonFeeds.SyncAsync(db, now, ct);

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The head of the line; a title the file has no column for stays, and so does the head's language.</summary>
    private static PersonInput HeadOf(SheetRow row, Department? current) =>
        new(row[HeadName], row[HeadEmail], row.Has(HeadTitle) ? row[HeadTitle] : current?.Head.Title, current?.Head.Language);

    /// <summary>The deputy of the line (both columns blank: none); without deputy columns the deputy stays as it is.</summary>
    private static PersonInput? DeputyOf(SheetRow row, Department? current)
    {
        if (!row.Has(DeputyName) && !row.Has(DeputyEmail))
        {
            return current?.Deputy is { } deputy ? Input(deputy) : null;
        }

        return string.IsNullOrWhiteSpace(row[DeputyName]) && string.IsNullOrWhiteSpace(row[DeputyEmail])
            ? null
            : new PersonInput(row[DeputyName], row[DeputyEmail], null, current?.Deputy?.Language);
    }

    private static PersonInput Input(Person person) => new(person.Name, person.Email, person.Title, person.Language);

    private static List<FieldChange> Changes(Department current, Department proposed)
    {
        var changes = new List<FieldChange>();
        Compare(changes, Name, current.Name, proposed.Name);
        Compare(changes, HeadName, current.Head.Name, proposed.Head.Name);
        Compare(changes, HeadEmail, current.Head.Email, proposed.Head.Email);
        Compare(changes, HeadTitle, current.Head.Title, proposed.Head.Title);
        Compare(changes, DeputyName, current.Deputy?.Name, proposed.Deputy?.Name);
        Compare(changes, DeputyEmail, current.Deputy?.Email, proposed.Deputy?.Email);
        if (!current.Active)
        {
            changes.Add(new FieldChange("active", "false", "true"));
        }

        return changes;
    }

    private static void Compare(List<FieldChange> changes, string field, string? from, string? to)
    {
        if (!string.Equals(from, to, StringComparison.Ordinal))
        {
            changes.Add(new FieldChange(field, from, to));
        }
    }

    /// <summary>The column of a field the domain names (<c>head.email</c> → <c>headEmail</c>).</summary>
    private static string ColumnOf(string field) => field switch
    {
        "head" or "head.name" => HeadName,
        "head.email" => HeadEmail,
        "head.title" => HeadTitle,
        "deputy" or "deputy.name" => DeputyName,
        "deputy.email" => DeputyEmail,
        _ => field,
    };
}
