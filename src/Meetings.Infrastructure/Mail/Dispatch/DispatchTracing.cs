using System.Diagnostics;
using Meetings.Domain.Mail;
using Meetings.Infrastructure.Hosting;

namespace Meetings.Infrastructure.Mail.Dispatch;

/// <summary>
/// The dispatcher's spans on <see cref="Telemetry.Source"/>: <c>mail.dispatch</c> for a batch that claims rows (with the
/// claim, the loads and the commits under it; a poll that finds nothing due makes none) and <c>mail.send</c> for each
/// row, ended with the row's outcome (<c>meetings.mail.outcome</c>: <c>sent</c>, <c>retry</c>, <c>failed</c> — the span's
/// status an error with the row's last error —, <c>skipped</c>, or <c>unsent</c>: back to the queue). Each mail's span
/// names its ledger row, kind and meeting, so that a mail is found from its meeting, and a meeting's mails from the
/// request that planned them. With nothing listening (no exporter) every call here does nothing.
/// </summary>
internal static class DispatchTracing
{
    public static Activity? Batch() => Telemetry.Source.StartActivity("mail.dispatch");

    public static void Claimed(Activity? batch, int rows) => batch?.SetTag("meetings.mail.claimed", rows);

    public static DispatchResult Ended(Activity? batch, DispatchResult result)
    {
        if (batch is { IsAllDataRequested: true })
        {
            batch.SetTag("meetings.mail.sent", result.Sent);
            batch.SetTag("meetings.mail.retried", result.Retried);
            batch.SetTag("meetings.mail.failed", result.Failed);
            batch.SetTag("meetings.mail.skipped", result.Skipped);
            if (result.MailServerAway)
            {
                batch.SetStatus(ActivityStatusCode.Error, "The mail server cannot be reached.");
            }
        }

        return result;
    }

    public static void Failed(Activity? batch, Exception failure) => batch?.SetStatus(ActivityStatusCode.Error, failure.Message);

    /// <summary>The span of one row's mail; it ends (disposed) with the row's outcome.</summary>
    public static MailSpan Mail(Delivery row)
    {
        var span = Telemetry.Source.StartActivity("mail.send");
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("meetings.delivery.id", row.Id.ToString());
            span.SetTag("meetings.mail.kind", MailMetrics.NameOf(row.Kind));
            if (row.MeetingId is { } meeting)
            {
                span.SetTag("meetings.meeting.id", meeting.ToString());
            }
        }

        return new MailSpan(span, row);
    }

    public readonly struct MailSpan(Activity? span, Delivery row) : IDisposable
    {
        public void Dispose()
        {
            if (span is null)
            {
                return;
            }

            span.SetTag("meetings.mail.outcome", row.Status switch
            {
                DeliveryStatus.Sent => "sent",
                DeliveryStatus.Queued => "retry",
                DeliveryStatus.Failed => "failed",
                DeliveryStatus.Skipped => "skipped",
                _ => "unsent",
            });
            if (row.Status == DeliveryStatus.Failed)
            {
                span.SetStatus(ActivityStatusCode.Error, row.LastError);
            }

            span.Dispose();
        }
    }
}
