using Hangfire;
using MediatR;
using Meetings.Api.Features.Series;

namespace Meetings.Api.Features.Mail;

/// <summary>
/// The Hangfire jobs. Thin: each sends one request to the mediator. Arguments: none — the ledger says
/// what is due. Hangfire's own retries are off: the ledger decides retries (back-off per row), and the next
/// run picks up whatever is still due.
/// </summary>
public sealed class MailJobs(IMediator mediator)
{
    public const string DispatchJobId = "mail-dispatch";
    public const string CadenceJobId = "cadence-alerts";

    /// <summary>Works off every due ledger row, batch after batch, until none is left.</summary>
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    [JobDisplayName("Send due mails")]
    public async Task DispatchDue(CancellationToken ct)
    {
        var request = new DispatchDueDeliveries();
        while ((await mediator.Send(request, ct)).Claimed == request.MaxRows)
        {
            // a full batch: more may be due
        }
    }

    /// <summary>Checks every series' cadence and plans the alerts (each series, year and level once).</summary>
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    [JobDisplayName("Check the cadence of every series")]
    public Task CheckCadence(CancellationToken ct) => mediator.Send(new CheckCadence(), ct);
}
