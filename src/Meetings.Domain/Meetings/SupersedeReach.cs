namespace Meetings.Domain.Meetings;

/// <summary>
/// Which queued ledger rows an event can make obsolete: those of one meeting (<see cref="MeetingId"/>) or of one
/// invitation (<see cref="InvitationId"/>), of the <see cref="Kinds"/> given (<see cref="DeliveryPlanner.Reach"/>).
/// </summary>
public sealed record SupersedeReach
{
    /// <summary>Reminders and the nudge: the rows planned from a meeting's start, deadline and reminder plan.</summary>
    public static readonly IReadOnlyList<DeliveryKind> Timed = [DeliveryKind.Reminder, DeliveryKind.RsvpNudge];

    /// <summary>Every kind but the cancellation itself.</summary>
    public static readonly IReadOnlyList<DeliveryKind> AllButCancellation = Enum.GetValues<DeliveryKind>().Where(k => k != DeliveryKind.Cancellation).ToArray();

    private SupersedeReach(Guid? meetingId, Guid? invitationId, IReadOnlyList<DeliveryKind> kinds)
    {
        MeetingId = meetingId;
        InvitationId = invitationId;
        Kinds = kinds;
    }

    public Guid? MeetingId { get; }

    public Guid? InvitationId { get; }

    public IReadOnlyList<DeliveryKind> Kinds { get; }

    public static SupersedeReach OfMeeting(Guid meetingId, IReadOnlyList<DeliveryKind> kinds) => new(meetingId, null, kinds);

    public static SupersedeReach OfInvitation(Guid invitationId, IReadOnlyList<DeliveryKind> kinds) => new(null, invitationId, kinds);

    /// <summary>The row is queued, of this meeting or invitation, and of one of the kinds.</summary>
    public bool Covers(Delivery row) =>
        row.Status == DeliveryStatus.Queued
        && (MeetingId is null || row.MeetingId == MeetingId)
        && (InvitationId is null || row.InvitationId == InvitationId)
        && Kinds.Contains(row.Kind);
}
