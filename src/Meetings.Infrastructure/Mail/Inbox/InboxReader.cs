using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
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
/// (its record is kept).
/// </summary>
internal sealed class InboxReader(IServiceScopeFactory scopes, IOptions<MailOptions> options, InboxLock inboxLock, ILogger<InboxReader> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(60);

    /// <summary>How long the reader waits for the lock before it asks again (another instance holds it).</summary>
    internal static TimeSpan LockRetry { get; set; } = TimeSpan.FromSeconds(5);

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
                    await Task.Delay(LockRetry, stoppingToken);
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

        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InboxMessageHandler>().HandleAsync(message, InboxIdentity.Of(message, raw), ct);
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
