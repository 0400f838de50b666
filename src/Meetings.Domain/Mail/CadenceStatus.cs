namespace Meetings.Domain.Mail;

/// <summary>
/// How a year of a series stands against its minimum number of meetings: met, on track, at risk or missed.
/// </summary>
/// <remarks>Kept beside the mail types because a cadence alert's occasion carries it.</remarks>
public enum CadenceStatus
{
    /// <summary>Enough meetings of the year have taken place.</summary>
    Met,

    /// <summary>Not yet enough held, but held plus published ones still ahead reach the minimum.</summary>
    OnTrack,

    /// <summary>The year is not over and held plus published ones ahead stay below the minimum.</summary>
    AtRisk,

    /// <summary>The year is over and fewer meetings were held than required.</summary>
    Missed,
}

/// <summary>The level as the API and the ledger's occasion key spell it.</summary>
public static class CadenceLevel
{
    /// <summary><c>met</c>, <c>on-track</c>, <c>at-risk</c>, <c>missed</c>.</summary>
    public static string Name(CadenceStatus level) => level switch
    {
        CadenceStatus.OnTrack => "on-track",
        CadenceStatus.AtRisk => "at-risk",
        _ => level.ToString().ToLowerInvariant(),
    };
}
