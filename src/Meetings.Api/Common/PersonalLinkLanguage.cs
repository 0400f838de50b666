using Meetings.Domain.Common;
using Meetings.Domain.Polls;
using Meetings.Infrastructure.Persistence;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Common;

/// <summary>
/// The language of a personal page (<c>/rsvp/{token}</c>, <c>/poll/{token}</c>) when the address has no <c>?lang=</c>:
/// the language of the mails of the person whose link it is (the invitee's or the delegate's; the head's, the host's or
/// the delegate's of a poll). A browser's <c>Accept-Language</c> plays no part: a German head with an English browser
/// gets a German page. An unknown link: no opinion (German, the default).
/// </summary>
internal sealed class PersonalLinkLanguage : RequestCultureProvider
{
    // Compiled once: asked before every poll page, whose own queries follow.
    private static readonly Func<MeetingsDbContext, string, CancellationToken, Task<string?>> BallotLanguage = EF.CompileAsyncQuery(
        (MeetingsDbContext db, string token, CancellationToken ct) => db.Set<PollBallot>().AsNoTracking().Where(b => b.Token == token || b.DelegateToken == token)
            .Select(b => b.Token == token ? b.Recipient.Language : b.Delegate!.Language).FirstOrDefault());

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var segments = httpContext.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (segments.Length < 2 || !Domain.Meetings.Invitation.MayBeToken(segments[1]))
        {
            return null;
        }

        var token = segments[1];
        var db = httpContext.RequestServices.GetRequiredService<MeetingsDbContext>();
        var ct = httpContext.RequestAborted;
        var language = segments[0] switch
        {
            "rsvp" => (await httpContext.RequestServices.GetRequiredService<Features.AnswerPage.LinkedInvitations>().FindAsync(token, ct))?.LanguageOf(token),
            "poll" => await BallotLanguage(db, token, ct),
            _ => null,
        };
        return language is null ? null : new ProviderCultureResult(language == Languages.English ? "en" : "de");
    }
}
