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
        if (validUrl is not null && !IsWebAddress(validUrl))
        {
            errors.Add($"{field}.onlineUrl", "must be an absolute http(s) URL.");
        }

        return new Location(validName, validAddress, validRoom, validUrl);
    }

    /// <summary>
    /// The online link where it is an absolute http(s) URL, as the rule wants it — what mails, pages and calendar files
    /// link to. A link stored before the rule (or written around it) that is not one is shown nowhere as a link.
    /// </summary>
    public string? WebAddress => OnlineUrl is { } url && IsWebAddress(url) ? url : null;

    /// <summary>One line for mails and calendars: "Rathaus, Plenarsaal, Rathausplatz 2".</summary>
    public string OneLine => string.Join(", ", new[] { Name, Room, Address }.Where(s => !string.IsNullOrEmpty(s)));

    private static bool IsWebAddress(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
}

/// <summary>Unvalidated location data as it arrives from outside.</summary>
public sealed record LocationInput(string? Name, string? Address = null, string? Room = null, string? OnlineUrl = null);
