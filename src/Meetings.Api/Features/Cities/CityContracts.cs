using System.Text.Json.Serialization;
using Meetings.Api.Common;
using Meetings.Domain.Directory;

namespace Meetings.Api.Features.Cities;

/// <summary>A city: the host that runs the series, or a partner that sends guest speakers.</summary>
/// <param name="Id">Server-generated id.</param>
/// <param name="Name">The city's name.</param>
/// <param name="Kind"><c>host</c> or <c>partner</c>.</param>
/// <param name="ContactEmail">The mailbox that is told of speaker decisions.</param>
public sealed record CityResponse(Guid Id, string Name, CityKind Kind, string ContactEmail) : IVersionedResponse
{
    [JsonIgnore]
    public int Version { get; init; }

    public static CityResponse From(City city) =>
        new(city.Id, city.Name, city.Kind, city.ContactEmail) { Version = city.Version };
}

/// <summary>The fields of a city, for create and replace.</summary>
public sealed record CityInput
{
    /// <summary>The city's name, unique.</summary>
    /// <example>München</example>
    public string? Name { get; init; }

    /// <summary><c>host</c> or <c>partner</c>.</summary>
    /// <example>partner</example>
    public CityKind? Kind { get; init; }

    /// <summary>The mailbox that is told of speaker decisions.</summary>
    /// <example>it-referat@muenchen.example</example>
    public string? ContactEmail { get; init; }
}
