using Meetings.Domain.Feeds;

namespace Meetings.Api.Features.Feeds;

/// <summary>A new department or series feed.</summary>
public sealed record FeedInput
{
    /// <summary><c>department</c> (every meeting the department is invited to) or <c>series</c> (every meeting of the series).</summary>
    /// <example>department</example>
    public FeedKind? Kind { get; init; }

    /// <summary>The department's or series' id.</summary>
    public Guid? RefId { get; init; }
}

/// <summary>A feed the office created.</summary>
/// <param name="Id">The feed's id (to revoke it: <c>DELETE /api/feeds/{id}</c>).</param>
/// <param name="Url">
/// The address to subscribe to, <c>https://…/calendar/{token}.ics</c> (the origin of <c>Mail:RsvpBaseUrl</c>); the same with
/// <c>webcal://</c> opens the calendar program. It holds the feed's secret: whoever has it reads the feed.
/// </param>
public sealed record FeedResponse(Guid Id, string Url);
