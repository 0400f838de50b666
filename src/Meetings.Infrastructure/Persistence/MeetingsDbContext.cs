using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Audit;
using Meetings.Infrastructure.DataProtection;
using Meetings.Infrastructure.Idempotency;
using Meetings.Infrastructure.Mail.Planning;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Infrastructure.Persistence;

/// <summary>
/// The application database. Provider-specific subclasses (<see cref="SqliteMeetingsDbContext"/>)
/// carry their own migrations; the handlers only ever see this type.
/// </summary>
public abstract class MeetingsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<City> Cities => Set<City>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Series> Series => Set<Series>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Speaker> Speakers => Set<Speaker>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<Domain.Results.Minutes> Minutes => Set<Domain.Results.Minutes>();
    public DbSet<Domain.Results.MeetingTask> Tasks => Set<Domain.Results.MeetingTask>();
    public DbSet<Domain.Feedback.FeedbackEntry> Feedback => Set<Domain.Feedback.FeedbackEntry>();
    public DbSet<Domain.Feeds.Feed> Feeds => Set<Domain.Feeds.Feed>();
    public DbSet<Domain.Polls.DatePoll> Polls => Set<Domain.Polls.DatePoll>();
    public DbSet<Domain.Topics.TopicCall> TopicCalls => Set<Domain.Topics.TopicCall>();
    public DbSet<Domain.Topics.Topic> Topics => Set<Domain.Topics.Topic>();
    public DbSet<Domain.Documents.Document> Documents => Set<Domain.Documents.Document>();

    /// <summary>Who changes what: recorded by every save, in the same transaction.</summary>
    public AuditTrail Audit { get; } = new();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangeTracker.Entries<AggregateRoot>().Any(e => e.Entity.DomainEvents.Count > 0))
        {
            throw new InvalidOperationException("Changes that raise domain events are saved with SaveChangesAsync (the ledger is planned there).");
        }

        BumpVersions();
        Audit.Record(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// When the earliest queued row that this context's saves added falls due, until they are committed; then the
    /// dispatcher is woken for it (<see cref="WakeDispatcherOnCommit"/>).
    /// </summary>
    internal DateTimeOffset? MailDueOnCommit { get; set; }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (await DeliveryPlanning.PlanAsync(this, cancellationToken) is { } due && !(MailDueOnCommit <= due))
        {
            MailDueOnCommit = due;
        }

        BumpVersions();
        Audit.Record(this);
        using var gate = await EnterWriteAsync(cancellationToken);
        if (!BulkInsert.Applies(this))
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        return await SaveWithBulkAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// A save that adds rows by the thousand (a publish to every department): those as multi-row statements
    /// (<see cref="BulkInsert"/>), then the rest by EF, in one transaction — the caller's, or one of its own.
    /// </summary>
    private async Task<int> SaveWithBulkAsync(bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        var bulk = new BulkInsert();
        try
        {
            await bulk.WriteAsync(this, ct);
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }

            return saved;
        }
        catch
        {
            bulk.Restore(); // nothing of the save was stored: its rows are to be written again
            if (own is not null)
            {
                await RollbackQuietlyAsync(own);
            }

            throw;
        }
    }

    private static async Task RollbackQuietlyAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // the connection went away: so did the transaction
        }
    }

    public override void Dispose()
    {
        Audit.Reset(); // a pooled context: the next lease starts without this one's attributions
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Audit.Reset();
        return base.DisposeAsync();
    }

    /// <summary>A provider may serialize writers (SQLite); the default lets them run concurrently.</summary>
    protected virtual ValueTask<IDisposable?> EnterWriteAsync(CancellationToken ct) => ValueTask.FromResult<IDisposable?>(null);

    /// <summary>The same queue for a writer on a thread of its own, which waits blocking.</summary>
    protected virtual IDisposable? EnterWrite() => null;

    /// <summary>
    /// The writers' queue that <see cref="SaveChangesAsync(bool, CancellationToken)"/> waits in, for code that writes in a
    /// transaction of its own (ExecuteUpdate): hold it from BEGIN to COMMIT so that this process's writers do not spin on
    /// SQLite's lock. Dispose the result to leave.
    /// </summary>
    public ValueTask<IDisposable?> EnterWriteQueueAsync(CancellationToken ct) => EnterWriteAsync(ct);

    /// <inheritdoc cref="EnterWriteQueueAsync"/>
    public IDisposable? EnterWriteQueue() => EnterWrite();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MeetingsDbContext).Assembly);

        // Ids are made by the domain (Ids.New()), never by the database. Without this, EF takes a new
        // child added through a navigation (an invitation on publish) for an existing row and updates it.
        foreach (var key in modelBuilder.Model.GetEntityTypes().Where(t => !t.IsOwned()).Select(t => t.FindPrimaryKey()))
        {
            if (key is { Properties: [{ ClrType: var type } property] } && type == typeof(Guid))
            {
                property.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
        }
    }

    /// <summary>
    /// Every versioned aggregate whose own columns or owned values changed gets Version + 1. Child
    /// entities (answers to invitations, say) do not bump their parent, so they never conflict with it.
    /// </summary>
    private void BumpVersions()
    {
        // Changes detected once; the owned values' entries below would each detect them again for their entity (a
        // meeting's 10,000 invitations: seconds).
        ChangeTracker.DetectChanges();
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            BumpDetected();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private void BumpDetected()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            var version = entry.Property(nameof(IVersioned.Version));
            if (entry.State == EntityState.Added)
            {
                version.CurrentValue = 1;
            }
            else if (entry.State == EntityState.Modified
                     || (entry.State == EntityState.Unchanged && HasChangedOwnedValue(entry)))
            {
                version.CurrentValue = entry.Entity.Version + 1;
            }
        }
    }

    private static bool HasChangedOwnedValue(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        entry.References.Any(r => r.TargetEntry is { } owned
                                  && owned.Metadata.IsOwned()
                                  && owned.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
}
