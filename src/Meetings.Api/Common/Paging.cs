using Meetings.Domain.Common;

namespace Meetings.Api.Common;

/// <summary>A page of a collection: <c>{ items, total }</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

/// <summary><c>?skip=&amp;take=</c>: take defaults to 50, at most 200.</summary>
public readonly record struct PageRequest(int Skip, int Take)
{
    public const int DefaultTake = 50;
    public const int MaxTake = 200;

    public static PageRequest From(int? skip, int? take)
    {
        var errors = new ValidationErrors();
        if (skip is < 0)
        {
            errors.Add("skip", "must be 0 or more.");
        }

        if (take is < 1 or > MaxTake)
        {
            errors.Add("take", $"must be between 1 and {MaxTake}.");
        }

        errors.ThrowIfAny();
        return new PageRequest(skip ?? 0, take ?? DefaultTake);
    }
}
