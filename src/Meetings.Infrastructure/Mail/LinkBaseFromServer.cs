using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Meetings.Infrastructure.Mail;

/// <summary>
/// <c>Mail:RsvpBaseUrl</c> when it is not set: the address the service listens on — whatever configured it
/// (<c>ASPNETCORE_URLS</c>, <c>--urls</c>, <c>Kestrel:Endpoints</c>) — with the personal link's path, so that a changed
/// port changes the links too. An https address is preferred; a wildcard host (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>,
/// <c>+</c>) becomes <c>localhost</c>. Without an address (a test server) it is <see cref="DefaultBase"/>. The value is
/// fixed when first read: <see cref="Hosting.StartupSequence"/> reads it (and logs it) right after the port is bound.
/// </summary>
public sealed class LinkBaseFromServer(IServer server) : IPostConfigureOptions<MailOptions>
{
    public const string AnswerPagePath = "/rsvp/"; // the answer page
    public const string DefaultBase = "http://localhost:5080";
    public const string PollPagePath = "/poll/"; // the date poll's page

    public void PostConfigure(string? name, MailOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.RsvpBaseUrl))
        {
            options.RsvpBaseUrl = From(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        }

        if (string.IsNullOrWhiteSpace(options.PollBaseUrl))
        {
            options.PollBaseUrl = options.RsvpBaseUrl.EndsWith(AnswerPagePath, StringComparison.Ordinal)
                ? options.RsvpBaseUrl[..^AnswerPagePath.Length] + PollPagePath
                : From(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])[..^AnswerPagePath.Length] + PollPagePath;
        }
    }

    public static string From(IEnumerable<string> addresses)
    {
        var listening = addresses.Select(a => Uri.TryCreate(a.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>().Where(u => u.Scheme is "http" or "https").ToList();
        var chosen = listening.FirstOrDefault(u => u.Scheme == "https") ?? listening.FirstOrDefault();
        if (chosen is null)
        {
            return DefaultBase + AnswerPagePath;
        }

        var host = IPAddress.TryParse(chosen.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
            ? "localhost"
            : chosen.Host;
        return $"{chosen.Scheme}://{host}:{chosen.Port}{AnswerPagePath}";
    }
}
