using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Meetings.Infrastructure.Mail.Inbox;

/// <summary>
/// Reads the office's mailbox (<c>Mail:Inbox:*</c>) when a host is configured: connects over IMAP (MailKit), takes the
/// one-reader lock (<see cref="InboxLock"/>), deals with every message in the folder (<see cref="InboxMessageHandler"/>,
/// a scope each) and moves it — never deletes it — to the processed or the unrecognized folder; then waits in IDLE until
/// the server reports a new message, at most <c>PollSeconds</c> (the poll: the safety net for a server or a connection
/// that loses IDLE's news). A failure (the server away, the database away, a broken connection) drops the connection and
/// tries again after a back-off of 1, 2, 4 … 60 s; a message not yet moved is dealt with again then, and acts once
/// (its record is kept). Anything else that fails while one message is dealt with is that message's own fault (a
/// stranger's text the database refuses, a bug its shape finds): it is logged with the message's identity, recorded
/// once as <c>failed</c> and moved to the unrecognized folder — one bad message stops nothing.
/// </summary>
internal sealed class InboxReader(IServiceScopeFactory scopes, IOptions<MailOptions> options, InboxLock inboxLock, ILogger<InboxReader> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(60);

    /// <summary>How long (seconds) the reader waits for the lock before it asks again (another instance holds it).</summary>
    private const int LockRetrySeconds = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var inbox = options.Value.Inbox;
        if (!inbox.Enabled)
        {
            return;
        }

        var backOff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var held = await inboxLock.TryAcquireAsync(stoppingToken);
                if (held is null)
                {
                    await Task.Delay(TimeSpan.FromSeconds(LockRetrySeconds), stoppingToken);
                    continue;
                }

                await ReadAsync(inbox, () => backOff = TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "Mailbox {Host}:{Port}: {Message}; trying again in {Seconds} s.", inbox.Host, inbox.Port, e.Message, backOff.TotalSeconds);
                await Task.Delay(backOff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backOff = TimeSpan.FromTicks(Math.Min(backOff.Ticks * 2, MaxBackOff.Ticks));
            }
        }
    }

    private async Task ReadAsync(InboxOptions inbox, Action connected, CancellationToken ct)
    {
        using var client = new ImapClient { Timeout = 60_000 };
        await client.ConnectAsync(inbox.Host!.Trim(), inbox.Port, inbox.UseSsl ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, ct);
        await client.AuthenticateAsync(inbox.UserName ?? string.Empty, inbox.Password ?? string.Empty, ct);
        var processed = await InboxFolders.OpenAsync(client, inbox.ProcessedFolder, create: true, ct);
        var unrecognized = await InboxFolders.OpenAsync(client, inbox.UnrecognizedFolder, create: true, ct);
        var folder = await InboxFolders.OpenAsync(client, inbox.Folder, create: false, ct);
        await folder.OpenAsync(FolderAccess.ReadWrite, ct);
        connected();
        logger.LogInformation("Mailbox {Host}:{Port}: reading {Folder} (IDLE: {Idle}).", inbox.Host, inbox.Port, folder.FullName, client.Capabilities.HasFlag(ImapCapabilities.Idle));
        while (!ct.IsCancellationRequested)
        {
            var dealt = await DealWithAllAsync(folder, processed, unrecognized, ct);
            if (dealt > 0 || folder.Count > 0)
            {
                continue; // look again: more may have come while these were dealt with
            }

            await WaitForMailAsync(client, folder, TimeSpan.FromSeconds(inbox.PollSeconds), ct);
        }

        await client.DisconnectAsync(true, CancellationToken.None);
    }

    /// <summary>Every message in the folder, oldest first: dealt with, then moved. Returns how many.</summary>
    private async Task<int> DealWithAllAsync(IMailFolder folder, IMailFolder processed, IMailFolder unrecognized, CancellationToken ct)
    {
        var uids = await folder.SearchAsync(SearchQuery.All, ct);
        foreach (var uid in uids)
        {
            var destination = await DealWithAsync(folder, uid, ct);
            await folder.MoveToAsync(uid, destination == InboxDestination.Processed ? processed : unrecognized, ct); // MOVE, or COPY + \Deleted + EXPUNGE
        }

        return uids.Count;
    }

    private async Task<InboxDestination> DealWithAsync(IMailFolder folder, UniqueId uid, CancellationToken ct)
    {
        byte[] raw;
        MimeMessage message;
        await using (var stream = await folder.GetStreamAsync(uid, string.Empty, ct))
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, ct);
            raw = copy.ToArray();
        }

        try
        {
            message = MimeMessage.Load(new MemoryStream(raw), ct);
        }
        catch (FormatException e)
        {
            logger.LogWarning("Mailbox: message {Uid} cannot be read as MIME ({Message}): to the unrecognized folder.", uid, e.Message);
            return InboxDestination.Unrecognized;
        }

        var identity = InboxIdentity.Of(message, raw);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<InboxMessageHandler>().HandleAsync(message, identity, ct);
        }
        catch (Exception e) when (IsTheMessagesOwn(e, ct))
        {
            logger.LogError(e, "Mailbox: message {Uid} {MessageId} ({Identity}) from {From} could not be dealt with ({Message}): to the unrecognized folder.",
                uid, message.MessageId, identity, message.From.Mailboxes.FirstOrDefault()?.Address, e.Message);
            await RecordFailureAsync(identity, e, ct);
            return InboxDestination.Unrecognized;
        }
    }

    /// <summary>
    /// Whether <paramref name="e"/> is the message's own fault, which sends that message alone to the office: anything but
    /// the database away for now (<see cref="DatabaseFailure.IsTransient"/>), the connection to the mailbox failing (IMAP,
    /// IO), the reader being stopped, or the process out of memory — those drop the connection and try again.
    /// </summary>
    internal static bool IsTheMessagesOwn(Exception e, CancellationToken ct) =>
        e is not (OutOfMemoryException or IOException or SocketException or ImapProtocolException or ImapCommandException
            or ServiceNotConnectedException or ServiceNotAuthenticatedException)
        && !(e is OperationCanceledException && ct.IsCancellationRequested)
        && !DatabaseFailure.IsTransient(e);

    /// <summary>The record of a message that failed (once: a record there already stays); it is then only moved when seen again.</summary>
    private async Task RecordFailureAsync(string identity, Exception failure, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        db.Add(new ProcessedMessage(identity, InboxDestination.Unrecognized, "failed", $"could not be dealt with: {failure.GetType().Name}: {failure.Message}", now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ConstraintViolation.IsUniqueViolation(e))
        {
            // recorded before (by another reader, or by this one before the move failed)
        }
        catch (Exception e) when (IsTheMessagesOwn(e, ct))
        {
            logger.LogError(e, "Mailbox: the failure of message {Identity} cannot be recorded ({Message}); it is moved all the same.", identity, e.Message);
        }
    }

    /// <summary>IDLE until the server reports a new message or <paramref name="poll"/> has passed; without IDLE, the poll alone.</summary>
    private static async Task WaitForMailAsync(ImapClient client, IMailFolder folder, TimeSpan poll, CancellationToken ct)
    {
        if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            await Task.Delay(poll, ct);
            await client.NoOpAsync(ct);
            return;
        }

        // RFC 2177: a client should re-issue IDLE at least every 29 minutes
        using var done = new CancellationTokenSource(poll < TimeSpan.FromMinutes(29) ? poll : TimeSpan.FromMinutes(29));
        void Arrived(object? sender, EventArgs e) => done.Cancel();
        folder.CountChanged += Arrived;
        try
        {
            await client.IdleAsync(done.Token, ct); // the server's news of a message that came meanwhile ends it at once
        }
        finally
        {
            folder.CountChanged -= Arrived;
        }
    }
}
