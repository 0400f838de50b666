namespace Meetings.Infrastructure.Idempotency;

/// <summary>
/// The first answer to a POST with an <c>Idempotency-Key</c>, per caller and key, so that a retry gets
/// the same answer and creates nothing new. <see cref="StatusCode"/> is null while the first request runs;
/// <see cref="Body"/> is null when the answer was larger than <see cref="IdempotencyStore.MaxBodyBytes"/>. Kept for
/// <see cref="IdempotencyStore.Lifetime"/>.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int KeyMaxLength = 200;
    public const int ScopeMaxLength = 300;
    public const int HashLength = 64;
    public const int ContentTypeMaxLength = 200;
    public const int HeadersMaxLength = 1000;

    public Guid Id { get; set; }
    public string Scope { get; set; } = string.Empty;
    public string Key { get; set; } = string.Empty;
    public string RequestHash { get; set; } = string.Empty;
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public byte[]? Body { get; set; }

    /// <summary>The headers a replay repeats (<c>Location</c>, <c>ETag</c>), one <c>Name: value</c> per line.</summary>
    public string? Headers { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
