using System.Text.Json.Serialization;
using Meetings.Api.Common;
using Meetings.Domain.Directory;

namespace Meetings.Api.Features.Departments;

/// <summary>A department (Amt) of the host city.</summary>
/// <param name="Id">Server-generated id.</param>
/// <param name="Code">Short code from the organisation chart, unique.</param>
/// <param name="Name">The department's name.</param>
/// <param name="Head">The head, who is invited to every meeting.</param>
/// <param name="Deputy">The deputy, if any.</param>
/// <param name="Active">False once deactivated; inactive departments are not invited.</param>
public sealed record DepartmentResponse(Guid Id, string Code, string Name, PersonResponse Head, PersonResponse? Deputy, bool Active) : IVersionedResponse
{
    [JsonIgnore]
    public int Version { get; init; }

    public static DepartmentResponse From(Department d) =>
        new(d.Id, d.Code, d.Name, PersonResponse.From(d.Head), PersonResponse.FromOptional(d.Deputy), d.Active) { Version = d.Version };
}

/// <summary>A person in a request body.</summary>
public sealed record PersonBody
{
    /// <example>Julia Hoffmann</example>
    public string? Name { get; init; }

    /// <example>julia.hoffmann@augsburg.example</example>
    public string? Email { get; init; }

    /// <summary>Job title (heads only; ignored for deputies).</summary>
    /// <example>Amtsleiterin</example>
    public string? Title { get; init; }

    /// <summary>The language of this person's mails: <c>de</c> (default) or <c>en</c>.</summary>
    /// <example>de</example>
    public string? Language { get; init; }

    public PersonInput ToInput() => new(Name, Email, Title, Language);
}

/// <summary>The fields of a department, for create and replace.</summary>
public sealed record DepartmentInput
{
    /// <summary>Short code: letters, digits, hyphens; unique; stored in upper case.</summary>
    /// <example>"12"</example>
    public string? Code { get; init; }

    /// <example>Amt für Digitalisierung, Bürgerservice und Informationssicherheit</example>
    public string? Name { get; init; }

    /// <summary>The head (name, e-mail, title).</summary>
    public PersonBody? Head { get; init; }

    /// <summary>The deputy (name, e-mail); omit for none.</summary>
    public PersonBody? Deputy { get; init; }

    /// <summary>On replace only: <c>false</c> deactivates, <c>true</c> re-activates; omit to leave as is.</summary>
    /// <example>true</example>
    public bool? Active { get; init; }
}
