using Hangfire;
using Meetings.Infrastructure.Mail.Dispatch;
using Meetings.Infrastructure.Mail.Planning;

namespace Meetings.Infrastructure.Jobs;

/// <summary>
/// The Hangfire jobs. Thin: each runs one piece of machinery. Arguments: none — the ledger says what is due.
/// Hangfire's own retries are off: the ledger decides retries (back-off per row), and the next run picks up
/// whatever is still due.
/// </summary>
public sealed class MailJobs(MailDispatcher dispatcher, CadenceAlerts cadence, IDispatchWakeUp wakeUp, TimeProvider clock)
{
    public const string DispatchJobId = "mail-dispatch";
    public const string CadenceJobId = "cadence-alerts";

    /// <summary>
    /// Works off every due ledger row, batch after batch, until none is left; then asks for a wake-up when the next row
    /// falls due (or a lease runs out, or an unreachable mail server is to be tried again). The same job for the poll, a
    /// commit's wake-up and a due instant's. A dispatch that fails (the database away) asks for another try a little
    /// later; should that request fail too, the poll runs it.
    /// </summary>
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    [JobDisplayName("Send due mails")]
    public async Task DispatchDue(CancellationToken ct)
    {
        DateTimeOffset? next;
        try
        {
            next = await dispatcher.DispatchAllDueAsync(ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            wakeUp.DueAt(clock.GetUtcNow() + MailDispatcher.ReconnectAfter);
            throw;
        }

        if (next is { } at)
        {
            wakeUp.DueAt(at);
        }
    }

    /// <summary>Checks every series' cadence and plans the alerts (each series, year and level once).</summary>
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    [JobDisplayName("Check the cadence of every series")]
    public Task CheckCadence(CancellationToken ct) => cadence.CheckAsync(ct);
}
