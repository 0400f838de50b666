namespace Meetings.Domain.Mail;

/// <summary>
/// Which queued ledger rows an event can make obsolete: those of one meeting (<see cref="MeetingId"/>) or of one
/// invitation (<see cref="InvitationId"/>) or of one task (<see cref="TaskId"/>), of the <see cref="Kinds"/> given (<see cref="IMailPlan{TEvent}.Reach"/>).
/// </summary>
public sealed record SupersedeReach
{
    /// <summary>Reminders and the nudge: the rows planned from a meeting's start, deadline and reminder plan.</summary>
    public static readonly IReadOnlyList<DeliveryKind> Timed = [DeliveryKind.Reminder, DeliveryKind.RsvpNudge];

    /// <summary>The due and overdue mails of a task.</summary>
    public static readonly IReadOnlyList<DeliveryKind> TaskTimed = [DeliveryKind.TaskDue, DeliveryKind.TaskOverdue];

    private SupersedeReach(Guid? meetingId, Guid? invitationId, IReadOnlyList<DeliveryKind> kinds, Guid? taskId = null)
    {
        MeetingId = meetingId;
        InvitationId = invitationId;
        Kinds = kinds;
        TaskId = taskId;
    }

    public Guid? MeetingId { get; }

    public Guid? InvitationId { get; }

    public IReadOnlyList<DeliveryKind> Kinds { get; }

    public Guid? TaskId { get; }

    public static SupersedeReach OfMeeting(Guid meetingId, IReadOnlyList<DeliveryKind> kinds) => new(meetingId, null, kinds);

    public static SupersedeReach OfInvitation(Guid invitationId, IReadOnlyList<DeliveryKind> kinds) => new(null, invitationId, kinds);

    public static SupersedeReach OfTask(Guid taskId) => new(null, null, TaskTimed, taskId);

    /// <summary>The row is queued, of this meeting or invitation, and of one of the kinds.</summary>
    public bool Covers(Delivery row) =>
        row.Status == DeliveryStatus.Queued
        && (MeetingId is null || row.MeetingId == MeetingId)
        && (InvitationId is null || row.InvitationId == InvitationId)
        && (TaskId is null || row.TaskId == TaskId)
        && Kinds.Contains(row.Kind);
}
