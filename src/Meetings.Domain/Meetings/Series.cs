using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Mail;

namespace Meetings.Domain.Meetings;

/// <summary>
/// A recurring meeting series such as the Amtsleitungstreffen: who hosts it, who organises it, how
/// often it must meet, and the defaults for its meetings.
/// </summary>
public sealed class Series : AggregateRoot, IVersioned
{
    public const int NameMaxLength = 200;
    public const int DefaultMinMeetingsPerYear = 2;
    public const int DefaultDuration = 120;

    private readonly List<Person> _hosts = [];

    private Series()
    {
        Name = string.Empty;
        OrganizerEmail = string.Empty;
        TimeZone = Zones.Default;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public Guid HostCityId { get; private set; }
    public IReadOnlyCollection<Person> Hosts => _hosts;
    public string OrganizerEmail { get; private set; }
    public int MinMeetingsPerYear { get; private set; }
    public int DefaultDurationMinutes { get; private set; }
    public Location? DefaultLocation { get; private set; }
    public string TimeZone { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public int Version { get; private set; }

    public static Series Create(SeriesInput input, City? hostCity, DateTimeOffset now)
    {
        var series = new Series { Id = Ids.New(), CreatedAt = now };
        series.Update(input, hostCity);
        return series;
    }

    /// <summary>
    /// The daily cadence check (<see cref="Cadence.Report"/> of the last and the current year): the organizer
    /// is alerted when the current year is at risk, and when the last year was missed — but not for a year
    /// before the series existed. The ledger sends each (year, level) once, however often this runs.
    /// </summary>
    public void CheckCadence(IEnumerable<CadenceYear> years, DateTimeOffset now)
    {
        var current = Zones.YearOf(now, TimeZone);
        var first = Zones.YearOf(CreatedAt, TimeZone);
        foreach (var year in years)
        {
            var alert = (year.Year == current && year.Status == CadenceStatus.AtRisk)
                        || (year.Year == current - 1 && year.Year >= first && year.Status == CadenceStatus.Missed);
            if (alert)
            {
                Raise(new CadenceAlertDue(this, year, now));
            }
        }
    }

    public void Update(SeriesInput input, City? hostCity)
    {
        var errors = new ValidationErrors();
        var name = errors.Text("name", input.Name, NameMaxLength);
        if (hostCity is null)
        {
            errors.Add("hostCityId", "must name a city.");
        }
        else if (hostCity.Kind != CityKind.Host)
        {
            errors.Add("hostCityId", "must be a host city.");
        }

        var hosts = new List<Person>();
        var hostInputs = input.Hosts ?? [];
        if (hostInputs.Count == 0)
        {
            errors.Add("hosts", "must name at least one host.");
        }

        for (var i = 0; i < hostInputs.Count; i++)
        {
            var h = hostInputs[i];
            hosts.Add(Person.Create(errors, $"hosts[{i}]", h ?? new PersonInput(null, null)));
        }

        if (hosts.Select(h => h.Email).Where(e => e.Length > 0).GroupBy(e => e).Any(g => g.Count() > 1))
        {
            errors.Add("hosts", "must not name the same e-mail twice.");
        }

        var organizer = errors.Email("organizerEmail", input.OrganizerEmail);
        var min = input.MinMeetingsPerYear ?? DefaultMinMeetingsPerYear;
        if (min is < 0 or > 52)
        {
            errors.Add("minMeetingsPerYear", "must be between 0 and 52.");
        }

        var duration = input.DefaultDurationMinutes ?? DefaultDuration;
        if (duration is < 15 or > 24 * 60)
        {
            errors.Add("defaultDurationMinutes", "must be between 15 and 1440.");
        }

        var location = input.DefaultLocation is { } l
            ? Location.Create(errors, "defaultLocation", l.Name, l.Address, l.Room, l.OnlineUrl)
            : null;
        var zone = Zones.Validate(errors, "timeZone", input.TimeZone, Zones.Default);
        errors.ThrowIfAny();

        Name = name;
        HostCityId = hostCity!.Id;
        _hosts.Clear();
        _hosts.AddRange(hosts);
        OrganizerEmail = organizer;
        MinMeetingsPerYear = min;
        DefaultDurationMinutes = duration;
        DefaultLocation = location;
        TimeZone = zone;
    }
}

/// <summary>Unvalidated series data as it arrives from outside.</summary>
public sealed record SeriesInput(
    string? Name,
    IReadOnlyList<PersonInput?>? Hosts,
    string? OrganizerEmail,
    int? MinMeetingsPerYear,
    int? DefaultDurationMinutes,
    LocationInput? DefaultLocation,
    string? TimeZone);
