using Meetings.Infrastructure.Mail.Transport;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Infrastructure.Mail.Dispatch;

/// <summary>What fails one ledger row alone (SPEC: one bad row stops nothing), and how its reason is kept.</summary>
internal static class RowFaults
{
    /// <summary>
    /// Whether <paramref name="e"/> is one row's own fault, which fails that row alone: anything but the mail server away
    /// (<see cref="MailSendException"/>, handled apart), the database failing (any database error: the batch stops and
    /// its claim goes back), the dispatch being cancelled, or the process out of memory.
    /// </summary>
    public static bool IsTheRowsOwn(Exception e, CancellationToken ct) =>
        e is not (MailSendException or OutOfMemoryException)
        && !(e is OperationCanceledException && ct.IsCancellationRequested)
        && !DatabaseFailure.IsDatabaseError(e);

    /// <summary>A reason as one line (a stored text may be in an exception's message): control characters become spaces.</summary>
    public static string OneLine(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
}
