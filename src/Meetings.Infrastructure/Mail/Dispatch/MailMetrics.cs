using System.Diagnostics.Metrics;
using System.Text.Json;
using Meetings.Domain.Mail;
using Meetings.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meetings.Infrastructure.Mail.Dispatch;

/// <summary>
/// The mail figures an operator watches, on the meter <see cref="MeterName"/> (exported at <c>/metrics</c>):
/// mails sent, failed, skipped and bounced by kind, how late mails go out after their due time, dispatch runs, and the rows
/// due and not yet sent. The dispatcher reports a run when it begins (<see cref="DispatchRun"/>) and its outcomes when it ends (<see cref="Outcomes"/>); the due
/// rows are counted when the metrics are read, by one indexed query at most every <see cref="DueCacheFor"/>.
/// <para>
/// Every counter is there from the start, at 0, for every kind (and <c>final</c>): the constructor adds 0 to each series,
/// so that an alert on <c>meetings_mail_failed_total</c> sees 0, not missing data, until the first failure. Made once the
/// meter provider listens (<c>MetricsSetup.UseMeetingsMetrics</c>). <c>meetings.mail.bounced</c> is added to by the
/// reader of the office's mailbox (<c>InboxMessageHandler</c>, <see cref="Bounced"/>) for each row that became bounced.
/// </para>
/// </summary>
public sealed class MailMetrics : IDisposable
{
    public const string MeterName = "Meetings.Mail";

    /// <summary>How long a count of the due rows is shown before it is counted again.</summary>
    public static readonly TimeSpan DueCacheFor = TimeSpan.FromSeconds(5);

    private static readonly string[] KindNames = Enum.GetValues<DeliveryKind>().Select(k => JsonNamingPolicy.KebabCaseLower.ConvertName(k.ToString())).ToArray();

    private readonly Meter _meter;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _skipped;
    private readonly Counter<long> _bounced;
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _delay;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<MailMetrics> _logger;
    private readonly Lock _dueLock = new();
    private (long Count, long At)? _due;

    public MailMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock, ILogger<MailMetrics> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _logger = logger;
        _meter = meters.Create(MeterName);
        _sent = _meter.CreateCounter<long>("meetings.mail.sent", "{mail}", "Mails the SMTP server (or the pickup directory) accepted, by kind.");
        _failed = _meter.CreateCounter<long>("meetings.mail.failed", "{mail}",
            "Mails that failed, by kind; final=true: given up (a permanent rejection or the last attempt), false: to be retried.");
        _skipped = _meter.CreateCounter<long>("meetings.mail.skipped", "{mail}", "Mails not sent any more (the meeting was cancelled, the answer changed, …), by kind.");
        _bounced = _meter.CreateCounter<long>("meetings.mail.bounced", "{mail}", "Mails that came back as undeliverable (a bounce in the bounce mailbox), by kind.");
        _runs = _meter.CreateCounter<long>("meetings.mail.dispatch.runs", "{run}", "Dispatch runs (one batch each), also those that found nothing due.");
        _delay = _meter.CreateHistogram("meetings.mail.send.delay", "s", "How long after its due time a mail went out.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600] });
        _meter.CreateObservableGauge("meetings.mail.due", ObserveDue, "{mail}", "Ledger rows due and not yet sent (queued or being sent).");
        _runs.Add(0);
        foreach (var name in KindNames)
        {
            var kind = new KeyValuePair<string, object?>("kind", name);
            _sent.Add(0, kind);
            _failed.Add(0, kind, new KeyValuePair<string, object?>("final", "true"));
            _failed.Add(0, kind, new KeyValuePair<string, object?>("final", "false"));
            _skipped.Add(0, kind);
            _bounced.Add(0, kind);
        }
    }

    /// <summary>The kind as the metrics and traces name it: <c>invitation</c>, <c>rsvp-nudge</c>, ….</summary>
    public static string NameOf(DeliveryKind kind) => KindNames[(int)kind];

    /// <summary>A mail of <paramref name="kind"/> came back as undeliverable.</summary>
    public void Bounced(DeliveryKind kind) => _bounced.Add(1, new KeyValuePair<string, object?>("kind", NameOf(kind)));

    /// <summary>A dispatch run begins.</summary>
    public void DispatchRun() => _runs.Add(1);

    /// <summary>What a dispatch run did: its claimed rows with their outcomes (rows given back unsent count as nothing).</summary>
    public void Outcomes(IReadOnlyList<Delivery> rows)
    {
        foreach (var row in rows)
        {
            var kind = new KeyValuePair<string, object?>("kind", KindNames[(int)row.Kind]);
            switch (row.Status)
            {
                case DeliveryStatus.Sent:
                    _sent.Add(1, kind);
                    _delay.Record(Math.Max(0, (row.SentAt!.Value - row.DueAt).TotalSeconds), kind);
                    break;
                case DeliveryStatus.Failed:
                    _failed.Add(1, kind, new KeyValuePair<string, object?>("final", "true"));
                    break;
                case DeliveryStatus.Queued:
                    _failed.Add(1, kind, new KeyValuePair<string, object?>("final", "false"));
                    break;
                case DeliveryStatus.Skipped:
                    _skipped.Add(1, kind);
                    break;
            }
        }
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveDue()
    {
        lock (_dueLock)
        {
            var now = _clock.GetTimestamp();
            if (_due is not { } due || _clock.GetElapsedTime(due.At, now) >= DueCacheFor)
            {
                try
                {
                    _due = due = (CountDue(), now);
                }
                catch (Exception e) when (DatabaseFailure.IsTransient(e) || e is InvalidOperationException)
                {
                    _logger.LogDebug("The due mails could not be counted: {Error}", e.Message);
                    return [];
                }
            }

            return [new Measurement<long>(due.Count)];
        }
    }

    /// <summary>One query on the index (Status, DueAt). Synchronous: a gauge is read in the exporter's callback.</summary>
    private long CountDue()
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        var now = _clock.GetUtcNow();
        return db.Deliveries.LongCount(d => (d.Status == DeliveryStatus.Queued || d.Status == DeliveryStatus.Sending) && d.DueAt <= now);
    }
}
