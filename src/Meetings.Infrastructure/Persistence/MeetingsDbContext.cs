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

        using var detected = DetectOnce();
        BumpVersions();
        Audit.Record(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// When the earliest queued row that this context's saves added falls due, until they are committed; then the
    /// dispatcher is woken for it (<see cref="WakeDispatcherOnCommit"/>).
    /// </summary>
    internal DateTimeOffset? MailDueOnCommit { get; set; }

    private readonly List<Delivery> _ledgerInBulk = [];

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (await DeliveryPlanning.PlanAsync(this, cancellationToken) is { } due && !(MailDueOnCommit <= due))
        {
            MailDueOnCommit = due;
        }

        using var detected = DetectOnce();
        BumpVersions();
        Audit.Record(this);
        using var gate = await EnterWriteAsync(cancellationToken);
        var tracked = BulkInsert.Tracked(this);
        if (tracked.Count == 0 && _ledgerInBulk.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        return await SaveWithBulkAsync(tracked, acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// The ledger rows the mail planner made for this save (<see cref="DeliveryPlanning"/>). Many of them — a publish's
    /// three a invitee — are kept out of EF's change tracker: <see cref="BulkInsert"/> writes them in the save's transaction
    /// (the ledger refers to no other table), and each step of the save that walks the tracked entries (versions, audit,
    /// the read cache, EF's own save) does not walk them. A few go EF's way.
    /// </summary>
    internal void AddLedgerRows(IReadOnlyCollection<Delivery> rows)
    {
        if (rows.Count >= BulkInsert.Threshold)
        {
            _ledgerInBulk.AddRange(rows);
        }
        else
        {
            Deliveries.AddRange(rows);
        }
    }

    /// <summary>
    /// A save that adds rows by the thousand (a publish to every department): those as multi-row statements
    /// (<see cref="BulkInsert"/>), then the rest by EF, in one transaction — the caller's, or one of its own. The untracked
    /// ledger rows are forgotten once saved; if the save fails they are handed to EF, as any row added and not yet saved.
    /// </summary>
    private async Task<int> SaveWithBulkAsync(List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> tracked, bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        var bulk = new BulkInsert();
        try
        {
            await bulk.WriteAsync(this, tracked, _ledgerInBulk, ct);
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }

            saved += _ledgerInBulk.Count;
            _ledgerInBulk.Clear();
            return saved;
        }
        catch
        {
            // Nothing of the save was stored: its rows are to be written again. The untracked ledger rows join EF's change
            // tracker, as any added row: a retry on this context writes them, a cleared tracker forgets them.
            bulk.Restore();
            Deliveries.AddRange(_ledgerInBulk);
            _ledgerInBulk.Clear();
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
        _ledgerInBulk.Clear();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Audit.Reset();
        _ledgerInBulk.Clear();
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
    /// The save's changes detected once, here, with EF's automatic detection off until the result is disposed. Every step
    /// after this one only adds rows or sets values through EF's entries (versions, audit rows, the rows written in bulk),
    /// and each step that asks for the entries (an owned value's entry, the read cache, EF's own save) would otherwise
    /// detect the changes of every tracked entity again: at a publish to 10,000 invitees, about 0.2 s each time.
    /// </summary>
    private AutomaticDetection DetectOnce()
    {
        ChangeTracker.DetectChanges();
        var restore = new AutomaticDetection(ChangeTracker, ChangeTracker.AutoDetectChangesEnabled);
        ChangeTracker.AutoDetectChangesEnabled = false;
        return restore;
    }

    /// <summary>Every versioned aggregate whose own columns or owned values changed gets Version + 1 (changes detected: <see cref="DetectOnce"/>).
    /// Child entities (answers to invitations, say) do not bump their parent, so they never conflict with it.
    /// </summary>
    private void BumpVersions()
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

    private sealed class AutomaticDetection(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker, bool enabled) : IDisposable
    {
        public void Dispose() => tracker.AutoDetectChangesEnabled = enabled;
    }
}
