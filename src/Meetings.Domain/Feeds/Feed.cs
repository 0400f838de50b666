using Meetings.Domain.Common;
using Meetings.Domain.Meetings;

namespace Meetings.Domain.Feeds;

/// <summary>What a calendar subscription (webcal feed) shows.</summary>
public enum FeedKind
{
    /// <summary>A person of the directory: every meeting they are invited or delegated to, or host.</summary>
    Person,

    /// <summary>Every meeting a department is invited to (created by the office).</summary>
    Department,

    /// <summary>Every meeting of a series (created by the office).</summary>
    Series,
}

/// <summary>
/// A calendar subscription: <c>GET /calendar/{token}.ics</c>, no key — the token is the only secret, 256 random bits,
/// URL-safe, stored as the personal links' tokens are (the mails are composed from it at send time). A person's feed
/// belongs to the person (their normalised address), not to a role: it opens only while the address is a person of the
/// directory (<see cref="FeedHolders"/>), so a new head's predecessor gets a 404 and the new head a token of their own.
/// The office's department and series feeds stay until revoked. A revoked feed is never opened again.
/// </summary>
public sealed class Feed
{
    /// <summary>How far back a feed reaches.</summary>
    public const int MonthsBack = 12;

    private Feed()
    {
        Token = string.Empty;
    }

    public Guid Id { get; private set; }
    public FeedKind Kind { get; private set; }

    /// <summary>The department or series of an office feed; null for a person's feed.</summary>
    public Guid? RefId { get; private set; }

    /// <summary>The normalised address of a person's feed; null for the office's feeds.</summary>
    public string? PersonEmail { get; private set; }

    public string Token { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>A person's own feed (their address as stored: lower case).</summary>
    public static Feed ForPerson(string email, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var address = errors.Email("email", email);
        errors.ThrowIfAny();
        return new Feed { Id = Ids.New(), Kind = FeedKind.Person, PersonEmail = address, Token = Invitation.NewToken(), CreatedAt = now };
    }

    /// <summary>An office feed of a department or series (<paramref name="kind"/> is not <see cref="FeedKind.Person"/>).</summary>
    public static Feed ForOffice(FeedKind kind, Guid refId, DateTimeOffset now)
    {
        if (kind == FeedKind.Person)
        {
            throw DomainValidationException.For("kind", "must be department or series.");
        }

        return new Feed { Id = Ids.New(), Kind = kind, RefId = refId, Token = Invitation.NewToken(), CreatedAt = now };
    }

    /// <summary>Revokes the feed: its address is a 404 from now on (a person's next feed gets a new token).</summary>
    public void Revoke(DateTimeOffset now)
    {
        if (IsRevoked)
        {
            throw new DomainException("The feed is already revoked.");
        }

        RevokedAt = now;
    }

    /// <summary>The earliest start a feed shows: <see cref="MonthsBack"/> months before <paramref name="now"/>.</summary>
    public static DateTimeOffset ShowsFrom(DateTimeOffset now) => now.AddMonths(-MonthsBack);
}
