using Hangfire;
using Meetings.Infrastructure.Mail.Dispatch;
using Meetings.Infrastructure.Mail.Planning;

namespace Meetings.Infrastructure.Jobs;

/// <summary>
/// The Hangfire jobs. Thin: each runs one piece of machinery. Arguments: none — the ledger says what is due.
/// Hangfire's own retries are off: the ledger decides retries (back-off per row), and the next run picks up
/// whatever is still due.
/// </summary>
public sealed class MailJobs(MailDispatcher dispatcher, CadenceAlerts cadence)
{
    public const string DispatchJobId = "mail-dispatch";
    public const string CadenceJobId = "cadence-alerts";

    /// <summary>
    /// Works off every due ledger row, batch after batch, until none is left, and asks for a wake-up when the next one
    /// falls due. The same job for the poll, a commit's wake-up and a due instant's.
    /// </summary>
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    [JobDisplayName("Send due mails")]
    public Task DispatchDue(CancellationToken ct) => dispatcher.RunAsync(ct);

    /// <summary>Checks every series' cadence and plans the alerts (each series, year and level once).</summary>
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    [JobDisplayName("Check the cadence of every series")]
    public Task CheckCadence(CancellationToken ct) => cadence.CheckAsync(ct);
}
