using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Mail.Composition;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Infrastructure.Mail.Dispatch;

/// <summary>
/// What the rows of one batch are about (<see cref="DeliveryFactsLoader"/>): loaded once for the whole batch — or, when
/// that throws for a reason of the data rather than of the database (a stored value the model cannot read), row by row,
/// so that only the rows whose facts cannot be read fail (<see cref="For"/> throws for them, and the dispatcher fails
/// that row) and every other row goes out (SPEC: one bad row stops nothing).
/// </summary>
internal sealed class BatchFacts
{
    private readonly DeliveryFactsLoader? _all;
    private readonly Dictionary<Guid, DeliveryFactsLoader> _byRow = [];
    private readonly Dictionary<Guid, Exception> _unreadable = [];

    private BatchFacts(DeliveryFactsLoader? all)
    {
        _all = all;
    }

    /// <summary>The facts of the whole batch; row by row when that fails for the data's sake (<see cref="RowFaults.IsTheRowsOwn"/>).</summary>
    public static async Task<BatchFacts> LoadAsync(MeetingsDbContext db, IReadOnlyList<Delivery> rows, CancellationToken ct)
    {
        try
        {
            return new BatchFacts(await DeliveryFactsLoader.LoadAsync(db, rows, ct));
        }
        catch (Exception e) when (RowFaults.IsTheRowsOwn(e, ct))
        {
            var facts = new BatchFacts(null);
            foreach (var row in rows)
            {
                try
                {
                    facts._byRow[row.Id] = await DeliveryFactsLoader.LoadAsync(db, [row], ct);
                }
                catch (Exception unreadable) when (RowFaults.IsTheRowsOwn(unreadable, ct))
                {
                    facts._unreadable[row.Id] = unreadable;
                }
            }

            return facts;
        }
    }

    /// <summary>The row's facts; throws when they could not be read (the row fails, with the reason).</summary>
    public DeliveryFacts For(Delivery row) => LoaderOf(row).For(row);

    /// <summary>What the row's mail is written from.</summary>
    public MailContent ContentOf(Delivery row, DeliveryFacts facts, DateTimeOffset now)
    {
        var loader = LoaderOf(row);
        return new MailContent(row, facts, loader.GuestsOf(facts.Meeting), loader.CityNameOf(facts.Speaker), now, loader.FeedTokenOf(row), loader.DocumentsOf(row));
    }

    private DeliveryFactsLoader LoaderOf(Delivery row) =>
        _all ?? _byRow.GetValueOrDefault(row.Id)
        ?? throw new InvalidOperationException($"What the mail is about could not be read: {_unreadable[row.Id].Message}", _unreadable[row.Id]);
}
