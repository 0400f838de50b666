namespace Meetings.Infrastructure.Seed;

/// <summary>The <c>Seed</c> configuration section.</summary>
public sealed class SeedOptions
{
    /// <summary>Seed the demo data (<see cref="DemoData"/>) when the database is new (default off; on in Development).</summary>
    public bool Demo { get; set; }
}
