using MediatR;
using Meetings.Infrastructure.Calendar;
using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Features.Feeds;

/// <summary>
/// "Alle Termine abonnieren" on the answer page: the personal feed of the link's holder, when they are a person of the
/// directory (a speaker or an outside delegate has none: null, and the page shows nothing).
/// </summary>
public sealed record GetPersonalFeed(string Email) : IRequest<PersonalFeedLinks?>;

/// <summary>The feed's address to click (<c>webcal://</c>) and to copy (<c>https://</c>).</summary>
public sealed record PersonalFeedLinks(string Webcal, string Https);

/// <summary>
/// From the open personal feeds of all people, kept by <see cref="MeetingReadCache"/> (dropped when a feed or the directory
/// is saved here): the page is opened by a thousand heads, each with a feed of their own.
/// </summary>
internal sealed class GetPersonalFeedHandler(MeetingsDbContext db, MeetingReadCache shared, IOptions<MailOptions> mail) : IRequestHandler<GetPersonalFeed, PersonalFeedLinks?>
{
    public async Task<PersonalFeedLinks?> Handle(GetPersonalFeed request, CancellationToken ct) =>
        (await shared.GetAsync(Guid.Empty, "person-feeds", c => PersonFeeds.OpenTokensAsync(db, c), ct)).GetValueOrDefault(request.Email) is { } token
            ? new PersonalFeedLinks(FeedLinks.Webcal(mail.Value, token), FeedLinks.Https(mail.Value, token))
            : null;
}
