using MediatR;
using Meetings.Domain.Common;
using Meetings.Domain.Feeds;
using Meetings.Infrastructure.Calendar;
using Meetings.Infrastructure.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Features.Feeds;

/// <summary>The office creates a department or series feed (admin only); its URL is shown with the answer.</summary>
public sealed record CreateFeed(FeedInput Input) : IRequest<FeedResponse>;

internal sealed class CreateFeedHandler(MeetingsDbContext db, TimeProvider clock, IOptions<MailOptions> mail) : IRequestHandler<CreateFeed, FeedResponse>
{
    public async Task<FeedResponse> Handle(CreateFeed request, CancellationToken ct)
    {
        var (kind, refId) = (request.Input.Kind, request.Input.RefId);
        var errors = new ValidationErrors();
        errors.Required("kind", kind);
        errors.Required("refId", refId);
        errors.ThrowIfAny();
        var exists = kind switch
        {
            FeedKind.Department => await db.Departments.AnyAsync(d => d.Id == refId, ct),
            FeedKind.Series => await db.Series.AnyAsync(s => s.Id == refId, ct),
            _ => throw DomainValidationException.For("kind", "must be department or series."),
        };
        if (!exists)
        {
            throw DomainValidationException.For("refId", $"names no {kind.ToString()!.ToLowerInvariant()}.");
        }

        var feed = Feed.ForOffice(kind!.Value, refId!.Value, clock.GetUtcNow());
        db.Feeds.Add(feed);
        await db.SaveChangesAsync(ct);
        return new FeedResponse(feed.Id, FeedLinks.Https(mail.Value, feed.Token));
    }
}
