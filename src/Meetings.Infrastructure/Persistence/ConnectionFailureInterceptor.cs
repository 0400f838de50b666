using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Meetings.Infrastructure.Persistence;

/// <summary>
/// After PostgreSQL restarts, every idle connection in Npgsql's pool is dead, and each would fail one
/// more request before the pool notices. When a command, a connection or a transaction fails because
/// the connection was lost, this clears the pool: the next request opens a fresh connection, and the
/// service works again as soon as the server does, without a restart.
/// </summary>
internal sealed class ConnectionFailureInterceptor : DbConnectionInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    public static readonly ConnectionFailureInterceptor Instance = new();

    public override void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) =>
        ClearPoolIfLost(connection, eventData.Exception);

    public override Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ClearPoolIfLost(connection, eventData.Exception);
        return Task.CompletedTask;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        ClearPoolIfLost(command.Connection, eventData.Exception);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ClearPoolIfLost(command.Connection, eventData.Exception);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        ClearPoolIfLost(transaction.Connection ?? eventData.Context?.Database.GetDbConnection(), eventData.Exception);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ClearPoolIfLost(transaction.Connection ?? eventData.Context?.Database.GetDbConnection(), eventData.Exception);
        return Task.CompletedTask;
    }

    private static void ClearPoolIfLost(DbConnection? connection, Exception exception)
    {
        if (connection is NpgsqlConnection npgsql && DatabaseFailure.IsConnectionLost(exception))
        {
            NpgsqlConnection.ClearPool(npgsql);
        }
    }
}
