using System.Data.Common;
using Meetings.Infrastructure.Mail.Dispatch;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Meetings.Infrastructure.Mail.Planning;

/// <summary>
/// After a commit that added queued ledger rows, wakes the dispatcher for the earliest of them
/// (<see cref="MeetingsDbContext.MailDueOnCommit"/>, set by the planning in <c>SaveChangesAsync</c>): not before the
/// commit, or the dispatcher could look before the rows are there. A save in a transaction of its caller wakes it when
/// that transaction commits. An EF interceptor, so that it joins every (pooled) context.
/// </summary>
internal sealed class WakeDispatcherOnCommit(IDispatchWakeUp wakeUp) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MeetingsDbContext { Database.CurrentTransaction: null } db)
        {
            Wake(db);
        }

        return ValueTask.FromResult(result);
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MeetingsDbContext { Database.CurrentTransaction: null } db)
        {
            db.MailDueOnCommit = null; // nothing was stored
        }

        return Task.CompletedTask;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MeetingsDbContext db)
        {
            Wake(db);
        }

        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is MeetingsDbContext db)
        {
            Wake(db);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MeetingsDbContext db)
        {
            db.MailDueOnCommit = null;
        }

        return Task.CompletedTask;
    }

    private void Wake(MeetingsDbContext db)
    {
        if (db.MailDueOnCommit is { } at)
        {
            db.MailDueOnCommit = null;
            wakeUp.DueAt(at);
        }
    }
}
