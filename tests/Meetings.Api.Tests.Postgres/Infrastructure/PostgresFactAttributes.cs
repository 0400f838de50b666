using Meetings.Api.Tests.Infrastructure;

// Declared in Meetings.Api.Tests, these shadow Xunit.FactAttribute and Xunit.TheoryAttribute for every
// test of this project (all live in namespaces below Meetings.Api.Tests, and C# searches the enclosing
// namespaces before the using directives): without a PostgreSQL server, each test is skipped and says why.
namespace Meetings.Api.Tests;

/// <summary>xunit's <c>[Fact]</c>, skipped with the reason when no PostgreSQL server can be started.</summary>
public sealed class FactAttribute : Xunit.FactAttribute
{
    public FactAttribute()
    {
        if (PostgresServer.UnavailableReason is { } reason)
        {
            Skip = "PostgreSQL is not available: " + reason;
        }
    }
}

/// <summary>xunit's <c>[Theory]</c>, skipped with the reason when no PostgreSQL server can be started.</summary>
public sealed class TheoryAttribute : Xunit.TheoryAttribute
{
    public TheoryAttribute()
    {
        if (PostgresServer.UnavailableReason is { } reason)
        {
            Skip = "PostgreSQL is not available: " + reason;
        }
    }
}
