using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;

namespace Meetings.Domain.Tests.Meetings;

/// <summary>Builds series, departments and meetings for the rule tests.</summary>
internal static class MeetingBuilder
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public static readonly City Munich = City.Create("München", CityKind.Partner, "it@muenchen.example");

    /// <summary>The addresses the service mails in these tests: the city's domain.</summary>
    public static readonly AllowedRecipients Recipients = AllowedRecipients.Of([], ["augsburg.example"]);

    public static SpeakerInput Talk(int minutes = 30) =>
        new("Dr. Anna Huber", "IT-Direktorin", "Landeshauptstadt München", "anna@muenchen.example", "E-Akte", null, minutes);

    public static Series Series(int minPerYear = 2, string zone = "Europe/Berlin") => Domain.Meetings.Series.Create(
        new SeriesInput("Amtsleitungstreffen",
            [new PersonInput("Dr. Maria Lindner", "ob@augsburg.example", "Oberbürgermeisterin"), new PersonInput("Stefan Brandl", "sd@augsburg.example", "Stadtdirektor")],
            "direktorium@augsburg.example", minPerYear, 180, new LocationInput("Rathaus"), zone),
        City.Create("Augsburg", CityKind.Host, "ob@augsburg.example"),
        Now);

    public static Department Department(string code = "10") =>
        Domain.Directory.Department.Create(code, $"Amt {code}", new PersonInput($"Leitung {code}", $"leitung{code}@augsburg.example"), null, Now);

    public static Meeting Draft(Series series, DateTimeOffset startsAt, DateTimeOffset? answerDeadline = null) =>
        Meeting.CreateDraft(series, new MeetingInput("Amtsleitungstreffen Herbst", "Digitalisierung", null, startsAt, null, null, null, answerDeadline), Now);

    public static Meeting Published(Series series, DateTimeOffset startsAt, params Department[] departments)
    {
        var meeting = Draft(series, startsAt);
        meeting.Publish(series, departments, [], Now);
        return meeting;
    }
}
