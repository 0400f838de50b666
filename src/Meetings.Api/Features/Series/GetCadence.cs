using MediatR;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Api.Features.Series;

/// <summary>The cadence report; years default to last, this and next year (in the series' zone).</summary>
public sealed record GetCadence(Guid Id, int? FromYear, int? ToYear) : IRequest<IReadOnlyList<CadenceYearResponse>>, IValidatedRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (FromYear is < 2000 or > 2200)
        {
            errors.Add("fromYear", "must be between 2000 and 2200.");
        }

        if (ToYear is < 2000 or > 2200)
        {
            errors.Add("toYear", "must be between 2000 and 2200.");
        }

        if (FromYear is { } from && ToYear is { } to && (to < from || to - from >= Cadence.MaxYears))
        {
            errors.Add("toYear", $"must be at least fromYear and span at most {Cadence.MaxYears} years.");
        }
    }
}

internal sealed class GetCadenceHandler(MeetingsDbContext db, TimeProvider clock) : IRequestHandler<GetCadence, IReadOnlyList<CadenceYearResponse>>
{
    public async Task<IReadOnlyList<CadenceYearResponse>> Handle(GetCadence request, CancellationToken ct)
    {
        var series = await db.LoadSeries(request.Id, ct);
        var now = clock.GetUtcNow();
        var currentYear = Zones.YearOf(now, series.TimeZone);
        var from = request.FromYear ?? Math.Min(currentYear - 1, request.ToYear ?? int.MaxValue);
        var to = request.ToYear ?? Math.Max(currentYear + 1, from);
        if (to - from >= Cadence.MaxYears)
        {
            throw DomainValidationException.For("toYear", $"must span at most {Cadence.MaxYears} years from fromYear.");
        }

        return (await db.ReportAsync(series, from, to, now, ct)).Select(CadenceYearResponse.From).ToList();
    }
}
