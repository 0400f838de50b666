namespace Meetings.Infrastructure.Persistence.Configurations;

/// <summary>Enums are stored as their names (<c>Published</c>, <c>RsvpNudge</c>): readable in the database, and safe to reorder.</summary>
internal static class EnumColumns
{
    /// <summary>Room for the longest name of the enums stored (<c>SpeakerConfirmed</c> and the like).</summary>
    public const int MaxLength = 16;

    /// <summary>The ledger's kind column was made wider from the start, for kinds to come.</summary>
    public const int DeliveryKindMaxLength = 24;
}
