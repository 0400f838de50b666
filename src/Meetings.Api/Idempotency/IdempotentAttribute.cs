namespace Meetings.Api.Idempotency;

/// <summary>Marks a POST endpoint that honours the <c>Idempotency-Key</c> header (<see cref="IdempotencyMiddleware"/>).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class IdempotentAttribute : Attribute;
