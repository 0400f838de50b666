using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>
/// Personal links as their holders get them. No response of the service carries one: a test reads a link from the
/// mail its holder received (<see cref="TokenIn"/>), or — to arrange a test that is about something else — from the
/// database, where the service keeps it (<see cref="Token(MeetingsApp, JsonElement)"/>).
/// </summary>
public static partial class Links
{
    /// <summary>The invitee's personal link (the token) of an invitation as a response shows it (by its id), for arranging.</summary>
    public static Task<string> Token(this MeetingsApp app, JsonElement invitation) => app.Token(invitation.Id());

    /// <summary>The invitee's personal link (the token) of the invitation <paramref name="invitationId"/>, for arranging.</summary>
    public static Task<string> Token(this MeetingsApp app, string invitationId)
    {
        var id = Guid.Parse(invitationId);
        return app.Db(db => db.Invitations.AsNoTracking().Where(i => i.Id == id).Select(i => i.Token).SingleAsync());
    }

    /// <summary>The delegate's own link of the invitation (null: no delegate), for arranging.</summary>
    public static Task<string?> DelegateToken(this MeetingsApp app, string invitationId)
    {
        var id = Guid.Parse(invitationId);
        return app.Db(db => db.Invitations.AsNoTracking().Where(i => i.Id == id).Select(i => i.DelegateToken).SingleAsync());
    }

    /// <summary>The token of the personal link in a mail (empty: none), whatever <c>Mail:RsvpBaseUrl</c> the test uses.</summary>
    public static string TokenIn(MimeMessage mail) => Link().Match(mail.TextBody ?? string.Empty).Groups["token"].Value;

    [GeneratedRegex(@"https?://[^\s/]+(?:/[^\s/]+)*?/rsvp/(?<token>[A-Za-z0-9_-]{20,})")]
    private static partial Regex Link();
}
