using MediatR;
using Meetings.Api.Auth;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Documents;

/// <summary>
/// Withdraws a document from its meeting (whoever may replace it): no reader finds it any more; the row, its versions and
/// their bytes stay, and the audit log names who withdrew it.
/// </summary>
public sealed record WithdrawDocument(Guid MeetingId, Guid DocumentId) : IRequest<Unit>;

internal sealed class WithdrawDocumentHandler(MeetingsDbContext db, Caller caller, TimeProvider clock) : IRequestHandler<WithdrawDocument, Unit>
{
    public async Task<Unit> Handle(WithdrawDocument request, CancellationToken ct)
    {
        var reader = await db.ReaderAsync(caller, request.MeetingId, ct);
        var document = await db.LoadReadableAsync(reader, request.MeetingId, request.DocumentId, ct);
        if (!reader.MayChange(document))
        {
            throw new Common.ForbiddenException("Only the office, or the department or partner city the document belongs to, may withdraw it.");
        }

        document.Withdraw(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
