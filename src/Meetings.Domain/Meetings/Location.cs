using Meetings.Domain.Common;

namespace Meetings.Domain.Meetings;

/// <summary>Where a meeting takes place: a room in a building, an online link, or both.</summary>
public sealed record Location
{
    public const int NameMaxLength = 200;
    public const int AddressMaxLength = 300;
    public const int RoomMaxLength = 100;
    public const int UrlMaxLength = 500;

    private Location(string name, string? address, string? room, string? onlineUrl)
    {
        Name = name;
        Address = address;
        Room = room;
        OnlineUrl = onlineUrl;
    }

    public string Name { get; private init; }
    public string? Address { get; private init; }
    public string? Room { get; private init; }
    public string? OnlineUrl { get; private init; }

    public static Location Create(ValidationErrors errors, string field, string? name, string? address, string? room, string? onlineUrl)
    {
        var validName = errors.Text($"{field}.name", name, NameMaxLength);
        var validAddress = errors.OptionalText($"{field}.address", address, AddressMaxLength);
        var validRoom = errors.OptionalText($"{field}.room", room, RoomMaxLength);
        var validUrl = errors.OptionalText($"{field}.onlineUrl", onlineUrl, UrlMaxLength);
        if (validUrl is not null && !(Uri.TryCreate(validUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            errors.Add($"{field}.onlineUrl", "must be an absolute http(s) URL.");
        }

        return new Location(validName, validAddress, validRoom, validUrl);
    }

    /// <summary>One line for mails and calendars: "Rathaus, Plenarsaal, Rathausplatz 2".</summary>
    public string OneLine => string.Join(", ", new[] { Name, Room, Address }.Where(s => !string.IsNullOrEmpty(s)));
}

/// <summary>Unvalidated location data as it arrives from outside.</summary>
public sealed record LocationInput(string? Name, string? Address = null, string? Room = null, string? OnlineUrl = null);
