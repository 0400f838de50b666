using System.Text.Json.Serialization;
using Meetings.Api.Common;
using Meetings.Domain.Meetings;

namespace Meetings.Api.Features.Speakers;

/// <summary>A guest speaker proposed by a partner city.</summary>
public sealed record SpeakerResponse(
    Guid Id, Guid MeetingId, Guid CityId, string Name, string Title, string Organization, string Email, string TalkTitle,
    string? Abstract, int RequestedMinutes, SpeakerStatus Status, string? DecisionReason) : IVersionedResponse
{
    [JsonIgnore]
    public int Version { get; init; }

    public static SpeakerResponse From(Speaker s) => new(
        s.Id, s.MeetingId, s.CityId, s.Name, s.Title, s.Organization, s.Email, s.TalkTitle, s.Abstract, s.RequestedMinutes, s.Status, s.DecisionReason)
    { Version = s.Version };
}

/// <summary>A speaker in a request body.</summary>
public sealed record SpeakerBody
{
    /// <summary>Admins only: the partner city (a partner key's city comes from the key; this field is ignored then).</summary>
    public Guid? CityId { get; init; }

    /// <example>Dr. Anna Huber</example>
    public string? Name { get; init; }

    /// <example>IT-Direktorin</example>
    public string? Title { get; init; }

    /// <example>Landeshauptstadt München, IT-Referat</example>
    public string? Organization { get; init; }

    /// <example>anna.huber@muenchen.example</example>
    public string? Email { get; init; }

    /// <example>Die E-Akte in München: was wir gelernt haben</example>
    public string? TalkTitle { get; init; }

    public string? Abstract { get; init; }

    /// <summary>1 to 480 minutes.</summary>
    /// <example>30</example>
    public int? RequestedMinutes { get; init; }

    public SpeakerInput ToInput() => new(Name, Title, Organization, Email, TalkTitle, Abstract, RequestedMinutes);
}

/// <summary>Confirms a speaker.</summary>
public sealed record ConfirmBody
{
    /// <summary>Add an agenda item with the requested minutes, presented by the speaker (default true).</summary>
    public bool? AddToAgenda { get; init; }

    /// <summary>Where the item goes (1-based; default last).</summary>
    public int? Position { get; init; }
}

/// <summary>Rejects a speaker.</summary>
public sealed record RejectBody
{
    /// <example>Das Programm ist bereits voll; gern beim nächsten Treffen.</example>
    public string? Reason { get; init; }
}
