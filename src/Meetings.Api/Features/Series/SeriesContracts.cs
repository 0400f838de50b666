using System.Text.Json.Serialization;
using Meetings.Api.Common;
using Meetings.Api.Features.Departments;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;

namespace Meetings.Api.Features.Series;

/// <summary>Where a meeting takes place.</summary>
/// <param name="Name">Building or venue.</param>
/// <param name="Address">Street address.</param>
/// <param name="Room">Room.</param>
/// <param name="OnlineUrl">Link for online participation.</param>
public sealed record LocationResponse(string Name, string? Address, string? Room, string? OnlineUrl)
{
    public static LocationResponse? From(Location? l) => l is null ? null : new(l.Name, l.Address, l.Room, l.OnlineUrl);
}

/// <summary>A location in a request body.</summary>
public sealed record LocationBody
{
    /// <example>Rathaus Augsburg</example>
    public string? Name { get; init; }

    /// <example>Rathausplatz 2, 86150 Augsburg</example>
    public string? Address { get; init; }

    /// <example>Oberer Fletz</example>
    public string? Room { get; init; }

    /// <example>https://video.augsburg.example/amtsleitung</example>
    public string? OnlineUrl { get; init; }

    public LocationInput ToInput() => new(Name, Address, Room, OnlineUrl);
}

/// <summary>A meeting series.</summary>
public sealed record SeriesResponse(
    Guid Id,
    string Name,
    Guid HostCityId,
    IReadOnlyList<PersonResponse> Hosts,
    string OrganizerEmail,
    int MinMeetingsPerYear,
    int DefaultDurationMinutes,
    LocationResponse? DefaultLocation,
    string TimeZone) : IVersionedResponse
{
    [JsonIgnore]
    public int Version { get; init; }

    public static SeriesResponse From(Domain.Meetings.Series s) => new(
        s.Id, s.Name, s.HostCityId, s.Hosts.Select(PersonResponse.From).ToList(), s.OrganizerEmail,
        s.MinMeetingsPerYear, s.DefaultDurationMinutes, LocationResponse.From(s.DefaultLocation), s.TimeZone)
    { Version = s.Version };
}

/// <summary>The fields of a series, for create and replace.</summary>
public sealed record SeriesBody
{
    /// <example>Amtsleitungstreffen</example>
    public string? Name { get; init; }

    /// <summary>The host city (kind <c>host</c>).</summary>
    public Guid? HostCityId { get; init; }

    /// <summary>Who invites: name, title, e-mail. Each host is invited to every meeting.</summary>
    public IReadOnlyList<PersonBody?>? Hosts { get; init; }

    /// <summary>The mailbox that receives cadence alerts and organizer notices.</summary>
    /// <example>direktorium@augsburg.example</example>
    public string? OrganizerEmail { get; init; }

    /// <summary>Minimum meetings per calendar year (default 2).</summary>
    /// <example>2</example>
    public int? MinMeetingsPerYear { get; init; }

    /// <summary>Default duration of a meeting in minutes (default 120).</summary>
    /// <example>180</example>
    public int? DefaultDurationMinutes { get; init; }

    /// <summary>Where meetings take place unless they say otherwise.</summary>
    public LocationBody? DefaultLocation { get; init; }

    /// <summary>IANA time zone (default Europe/Berlin).</summary>
    /// <example>Europe/Berlin</example>
    public string? TimeZone { get; init; }

    public SeriesInput ToInput() => new(
        Name, Hosts?.Select(h => h?.ToInput()).ToList(), OrganizerEmail, MinMeetingsPerYear, DefaultDurationMinutes,
        DefaultLocation?.ToInput(), TimeZone);
}

/// <summary>One year of a series against its minimum.</summary>
/// <param name="Year">Calendar year in the series' time zone.</param>
/// <param name="Published">Meetings published and not cancelled (completed included).</param>
/// <param name="Completed">Meetings completed.</param>
/// <param name="Cancelled">Meetings cancelled (not counted).</param>
/// <param name="Required">The series' minimum.</param>
/// <param name="Held">Completed, or published with their start passed.</param>
/// <param name="Planned">Published with their start ahead.</param>
/// <param name="Status"><c>met</c>, <c>on-track</c>, <c>at-risk</c> or <c>missed</c> (see README).</param>
public sealed record CadenceYearResponse(int Year, int Published, int Completed, int Cancelled, int Required, int Held, int Planned, CadenceStatus Status)
{
    public static CadenceYearResponse From(CadenceYear y) => new(y.Year, y.Published, y.Completed, y.Cancelled, y.Required, y.Held, y.Planned, y.Status);
}
