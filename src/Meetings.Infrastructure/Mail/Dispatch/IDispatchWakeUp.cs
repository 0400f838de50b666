namespace Meetings.Infrastructure.Mail.Dispatch;

/// <summary>
/// Wakes the dispatcher for mail that falls due at an instant (now or later), instead of leaving it to the next poll.
/// Never throws and never blocks: the poll (<c>Jobs:PollingIntervalSeconds</c>) is the safety net.
/// </summary>
public interface IDispatchWakeUp
{
    void DueAt(DateTimeOffset at);
}
