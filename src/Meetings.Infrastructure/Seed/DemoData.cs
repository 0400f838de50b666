using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;

namespace Meetings.Infrastructure.Seed;

/// <summary>
/// Demo data for a fresh development database: Augsburg as host, two partner cities and the
/// departments of a German city administration (numbered as in the KGSt scheme). The people and
/// their mailboxes are invented; the domain <c>augsburg.example</c> cannot receive mail. The ids are fixed, so that the
/// examples of the OpenAPI document (docs/api.md) work as they are on a fresh development database.
/// </summary>
public static class DemoData
{
    public static readonly Guid AugsburgId = new("01970000-0000-7000-8000-000000000001");
    public static readonly Guid MunichId = new("01970000-0000-7000-8000-000000000002");
    public static readonly Guid RegensburgId = new("01970000-0000-7000-8000-000000000003");
    public static readonly Guid SeriesId = new("01970000-0000-7000-8000-000000000100");

    /// <summary>The published demo meeting: its invitations are the first mails in <c>mail-outbox</c>.</summary>
    public static readonly Guid MeetingId = new("01970000-0000-7000-8000-000000000200");

    /// <summary>The department of a code: <c>12</c> is <c>01970000-0000-7000-8000-000000001012</c>.</summary>
    public static Guid DepartmentId(string code) => new($"01970000-0000-7000-8000-00000000{1000 + int.Parse(code, System.Globalization.CultureInfo.InvariantCulture):D4}");

    public static readonly (string Code, string Name, string Head, string Title, string Deputy)[] Departments =
    [
        ("10", "Hauptamt", "Dr. Claudia Berger", "Amtsleiterin", "Thomas Huber"),
        ("11", "Personalamt", "Markus Schneider", "Amtsleiter", "Sabine Wagner"),
        ("12", "Amt für Digitalisierung, Bürgerservice und Informationssicherheit", "Julia Hoffmann", "Amtsleiterin", "Stefan Koch"),
        ("20", "Stadtkämmerei", "Andreas Fischer", "Stadtkämmerer", "Monika Weber"),
        ("30", "Rechtsamt", "Dr. Katharina Braun", "Amtsleiterin", "Michael Richter"),
        ("32", "Ordnungsamt", "Peter Zimmermann", "Amtsleiter", "Daniela Krüger"),
        ("37", "Feuerwehr", "Martin Hartmann", "Branddirektor", "Florian Lange"),
        ("40", "Amt für Schule und Bildung", "Birgit Schmitt", "Amtsleiterin", "Jürgen Werner"),
        ("41", "Kulturamt", "Dr. Nina Schulz", "Amtsleiterin", "Tobias Krause"),
        ("50", "Amt für Soziale Leistungen", "Ralf Meier", "Amtsleiter", "Petra Lehmann"),
        ("51", "Amt für Kinder, Jugend und Familie", "Susanne Köhler", "Amtsleiterin", "Christian Maier"),
        ("53", "Gesundheitsamt", "Dr. Frank Schäfer", "Amtsarzt", "Anja Neumann"),
        ("61", "Stadtplanungsamt", "Eva Schwarz", "Amtsleiterin", "Matthias Wolf"),
        ("66", "Tiefbauamt", "Klaus Schröder", "Amtsleiter", "Heike Zimmer"),
    ];

    public static async Task SeedAsync(MeetingsDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var augsburg = WithId(db, City.Create("Augsburg", CityKind.Host, "oberbuergermeisterin@augsburg.example"), AugsburgId);
        db.Cities.AddRange(
            augsburg,
            WithId(db, City.Create("München", CityKind.Partner, "it-referat@muenchen.example"), MunichId),
            WithId(db, City.Create("Regensburg", CityKind.Partner, "digitalisierung@regensburg.example"), RegensburgId));

        var departments = new List<Department>();
        foreach (var (code, name, head, title, deputy) in Departments)
        {
            departments.Add(WithId(db, Department.Create(
                code,
                name,
                new PersonInput(head, MailboxOf(head), title),
                new PersonInput(deputy, MailboxOf(deputy)),
                now), DepartmentId(code)));
        }

        db.Departments.AddRange(departments);
        var series = WithId(db, Series.Create(
            new SeriesInput(
                "Amtsleitungstreffen",
                [
                    new PersonInput("Dr. Maria Lindner", "oberbuergermeisterin@augsburg.example", "Oberbürgermeisterin"),
                    new PersonInput("Stefan Brandl", "stadtdirektor@augsburg.example", "Stadtdirektor"),
                ],
                "direktorium@augsburg.example",
                MinMeetingsPerYear: 2,
                DefaultDurationMinutes: 180,
                new LocationInput("Rathaus Augsburg", "Rathausplatz 2, 86150 Augsburg", "Oberer Fletz"),
                "Europe/Berlin"),
            augsburg,
            now), SeriesId);
        db.Series.Add(series);
        db.Meetings.Add(PublishedMeeting(db, series, departments, now));

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The next meeting of the series, published: on a Thursday five to six weeks ahead, 14:00–17:00 in Augsburg,
    /// with an agenda. Publishing it plans an invitation per department head and host, so a fresh start has mails
    /// in the outbox whose links open the answer page.
    /// </summary>
    private static Meeting PublishedMeeting(MeetingsDbContext db, Series series, IReadOnlyList<Department> departments, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(series.TimeZone);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime).AddDays(35);
        day = day.AddDays(((int)DayOfWeek.Thursday - (int)day.DayOfWeek + 7) % 7);
        var startsLocal = day.ToDateTime(new TimeOnly(14, 0));
        var startsAt = new DateTimeOffset(startsLocal, zone.GetUtcOffset(startsLocal));

        var meeting = WithId(db, Meeting.CreateDraft(series, new MeetingInput(
            $"Amtsleitungstreffen {startsAt.Year}",
            "Gemeinsam digital: die Verwaltung von morgen",
            "Das halbjährliche Treffen der Amtsleitungen mit der Oberbürgermeisterin.",
            startsAt,
            startsAt.AddHours(3),
            series.TimeZone,
            Location: null,
            AnswerDeadline: startsAt.AddDays(-7)), now), MeetingId);
        var agenda = meeting.Agenda;
        agenda.Add(new AgendaItemInput("Begrüßung und Bericht der Oberbürgermeisterin", null, 20, AgendaItemKind.Other), Presenter.Host("Dr. Maria Lindner"), null);
        agenda.Add(new AgendaItemInput("Die E-Akte in allen Ämtern: Stand des Piloten", "Erfahrungen aus dem Pilotbetrieb und der Zeitplan für die übrigen Ämter.", 45, AgendaItemKind.Talk), Presenter.Of(departments.Single(d => d.Code == "12")), null);
        agenda.Add(new AgendaItemInput("Pause", null, 15, AgendaItemKind.Break), null, null);
        agenda.Add(new AgendaItemInput("Haushalt 2027: Eckpunkte für die Ämter", null, 40, AgendaItemKind.Discussion), Presenter.Of(departments.Single(d => d.Code == "20")), null);
        agenda.Add(new AgendaItemInput("Verschiedenes", null, 20, AgendaItemKind.Other), null, null);
        meeting.Publish(series, departments, [], now);
        return meeting;
    }

    /// <summary>The fixed id instead of the one the factory made, set through EF before the entity is tracked.</summary>
    private static T WithId<T>(MeetingsDbContext db, T entity, Guid id) where T : class
    {
        db.Entry(entity).Property<Guid>("Id").CurrentValue = id;
        return entity;
    }

    private static string MailboxOf(string name)
    {
        var plain = name.Replace("Dr. ", string.Empty, StringComparison.Ordinal)
            .Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal)
            .Replace("ü", "ue", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal)
            .ToLowerInvariant().Replace(' ', '.');
        return $"{plain}@augsburg.example";
    }
}
