namespace Meetings.Api.Features.Departments;

/// <summary>What an import of the directory does (a dry run: would do).</summary>
/// <param name="Created">The departments the file adds (in a dry run their ids are provisional).</param>
/// <param name="Updated">The departments whose fields change, field by field.</param>
/// <param name="Deactivated">The codes of the departments deactivated because the file does not name them (only with <c>deactivateMissing=true</c>).</param>
/// <param name="Unchanged">How many departments of the file stay as they are.</param>
/// <param name="Errors">The lines that cannot be applied; any error applies nothing.</param>
public sealed record DepartmentImportResponse(
    IReadOnlyList<DepartmentResponse> Created, IReadOnlyList<DepartmentUpdate> Updated, IReadOnlyList<string> Deactivated, int Unchanged, IReadOnlyList<ImportError> Errors);

/// <summary>A department the import changes.</summary>
/// <param name="Code">The department's code.</param>
/// <param name="Changes">Each changed column with its value before and after.</param>
public sealed record DepartmentUpdate(string Code, IReadOnlyList<FieldChange> Changes);

/// <summary>One changed value.</summary>
/// <param name="Field">The column: name, headName, headEmail, headTitle, deputyName, deputyEmail, or active (a department the file names again).</param>
/// <param name="From">The value before (null: none).</param>
/// <param name="To">The value after (null: none).</param>
public sealed record FieldChange(string Field, string? From, string? To);

/// <summary>A line of the file that cannot be applied.</summary>
/// <param name="Line">The line in the file; the header is line 1.</param>
/// <param name="Field">The column the error is about (null: the whole line).</param>
/// <param name="Message">What is wrong, as the single calls say it.</param>
public sealed record ImportError(int Line, string? Field, string Message);

/// <summary>The 422 of an import with errors: a problem (RFC 9457) that carries the whole report; nothing was applied.</summary>
/// <param name="Type">The problem type.</param>
/// <param name="Title">A short summary.</param>
/// <param name="Status">422.</param>
/// <param name="Detail">How many lines have errors.</param>
/// <param name="TraceId">The request's trace id.</param>
/// <param name="Created">What the file would add.</param>
/// <param name="Updated">What the file would change.</param>
/// <param name="Deactivated">What the file would deactivate.</param>
/// <param name="Unchanged">How many departments would stay as they are.</param>
/// <param name="Errors">The lines that cannot be applied.</param>
public sealed record DepartmentImportProblem(
    string Type, string Title, int Status, string Detail, string TraceId,
    IReadOnlyList<DepartmentResponse> Created, IReadOnlyList<DepartmentUpdate> Updated, IReadOnlyList<string> Deactivated, int Unchanged, IReadOnlyList<ImportError> Errors);
