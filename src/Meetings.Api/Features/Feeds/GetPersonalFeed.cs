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

internal sealed class GetPersonalFeedHandler(MeetingsDbContext db, IOptions<MailOptions> mail) : IRequestHandler<GetPersonalFeed, PersonalFeedLinks?>
{
    public async Task<PersonalFeedLinks?> Handle(GetPersonalFeed request, CancellationToken ct) =>
        await PersonFeeds.TokenOfAsync(db, request.Email, ct) is { } token
            ? new PersonalFeedLinks(FeedLinks.Webcal(mail.Value, token), FeedLinks.Https(mail.Value, token))
            : null;
}
