using MediatR;
using Meetings.Api.Common;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Series;

public sealed record CreateSeries(SeriesBody Body) : IRequest<SeriesResponse>;

public sealed record UpdateSeries(Guid Id, SeriesBody Body, string? IfMatch) : IRequest<SeriesResponse>;

public sealed record GetSeries(Guid Id) : IRequest<SeriesResponse>;

public sealed record ListSeries(PageRequest Page) : IRequest<Page<SeriesResponse>>;

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

internal sealed class SeriesHandlers(MeetingsDbContext db, TimeProvider clock) :
    IRequestHandler<CreateSeries, SeriesResponse>,
    IRequestHandler<UpdateSeries, SeriesResponse>,
    IRequestHandler<GetSeries, SeriesResponse>,
    IRequestHandler<ListSeries, Page<SeriesResponse>>,
    IRequestHandler<GetCadence, IReadOnlyList<CadenceYearResponse>>
{
    public async Task<SeriesResponse> Handle(CreateSeries request, CancellationToken ct)
    {
        var city = await HostCity(request.Body.HostCityId, ct);
        var series = Domain.Meetings.Series.Create(request.Body.ToInput(), city, clock.GetUtcNow());
        db.Series.Add(series);
        await db.SaveChangesAsync(ct);
        return SeriesResponse.From(series);
    }

    public async Task<SeriesResponse> Handle(UpdateSeries request, CancellationToken ct)
    {
        var series = await Load(request.Id, ct);
        ETags.EnsureMatches(request.IfMatch, series.Version);
        series.Update(request.Body.ToInput(), await HostCity(request.Body.HostCityId, ct));
        await db.SaveChangesAsync(ct);
        return SeriesResponse.From(series);
    }

    public async Task<SeriesResponse> Handle(GetSeries request, CancellationToken ct) =>
        SeriesResponse.From(await Load(request.Id, ct));

    public async Task<Page<SeriesResponse>> Handle(ListSeries request, CancellationToken ct)
    {
        var total = await db.Series.CountAsync(ct);
        var items = await db.Series.AsNoTracking().OrderBy(s => s.Name).Skip(request.Page.Skip).Take(request.Page.Take).ToListAsync(ct);
        return new Page<SeriesResponse>(items.Select(SeriesResponse.From).ToList(), total);
    }

    public async Task<IReadOnlyList<CadenceYearResponse>> Handle(GetCadence request, CancellationToken ct)
    {
        var series = await Load(request.Id, ct);
        var now = clock.GetUtcNow();
        var currentYear = Zones.YearOf(now, series.TimeZone);
        var from = request.FromYear ?? Math.Min(currentYear - 1, request.ToYear ?? int.MaxValue);
        var to = request.ToYear ?? Math.Max(currentYear + 1, from);
        if (to - from >= Cadence.MaxYears)
        {
            throw DomainValidationException.For("toYear", $"must span at most {Cadence.MaxYears} years from fromYear.");
        }

        return (await CadenceData.ReportAsync(db, series, from, to, now, ct))
            .Select(CadenceYearResponse.From).ToList();
    }

    private async Task<Domain.Meetings.Series> Load(Guid id, CancellationToken ct) =>
        await db.Series.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("Series", id);

    private async Task<Domain.Directory.City?> HostCity(Guid? id, CancellationToken ct) =>
        id is null ? null : await db.Cities.SingleOrDefaultAsync(c => c.Id == id, ct);
}
