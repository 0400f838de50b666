using Meetings.Infrastructure.Mail;

namespace Meetings.Infrastructure.Calendar;

/// <summary>
/// Where a feed is subscribed: <c>/calendar/{token}.ics</c> on the origin of <c>Mail:RsvpBaseUrl</c> (the public address
/// the service's links already use; a portal in front of the answer page passes <c>/calendar/</c> on as well). The https
/// form is for copying (Outlook's and Google's "subscribe from the web"); the <c>webcal://</c> form opens the calendar program.
/// </summary>
public static class FeedLinks
{
    public const string PathPrefix = "/calendar/";

    public static string Https(MailOptions options, string token) =>
        new Uri(options.RsvpBaseUrl).GetLeftPart(UriPartial.Authority) + PathPrefix + Uri.EscapeDataString(token) + ".ics";

    public static string Webcal(MailOptions options, string token) =>
        "webcal://" + Https(options, token)[(Https(options, token).IndexOf("://", StringComparison.Ordinal) + 3)..];
}
