using System.Text.Json;
using Meetings.Api.Features.Agenda;
using Meetings.Api.Features.Answers;
using Meetings.Api.Features.ApiKeys;
using Meetings.Api.Features.Cities;
using Meetings.Api.Features.Departments;
using Meetings.Api.Features.Feedback;
using Meetings.Api.Features.Mail;
using Meetings.Api.Features.Meetings;
using Meetings.Api.Features.Minutes;
using Meetings.Api.Features.Series;
using Meetings.Api.Features.Speakers;
using Meetings.Api.Features.Tasks;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Meetings.Domain.Results;
using Meetings.Infrastructure.Seed;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Meetings.Api.Common.OpenApi;

/// <summary>
/// A request body example per operation that works when sent as it is on a fresh development database (the demo
/// data's ids; instants years ahead). Written as the service reads JSON, so that the names are the wire's.
/// Bodies that must name what a caller created first (the order of an agenda, attended invitations) have none that
/// could work; the agenda order has no example, the attendance an empty list.
/// </summary>
internal sealed class RequestExamples : IOperationFilter
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    private static readonly LocationBody Rathaus = new()
    {
        Name = "Rathaus Augsburg", Address = "Rathausplatz 2, 86150 Augsburg", Room = "Oberer Fletz",
        OnlineUrl = "https://video.augsburg.example/amtsleitung",
    };

    private static readonly MeetingBody Meeting = new()
    {
        SeriesId = DemoData.SeriesId,
        Title = "Amtsleitungstreffen Herbst 2031",
        Motto = "Digitalisierung",
        Description = "Stand der E-Akte und die digitale Roadmap der Stadt.",
        StartsAt = new DateTimeOffset(2031, 10, 9, 14, 0, 0, TimeSpan.FromHours(2)),
        EndsAt = new DateTimeOffset(2031, 10, 9, 17, 0, 0, TimeSpan.FromHours(2)),
        TimeZone = "Europe/Berlin",
        Location = Rathaus,
        RsvpDeadline = new DateTimeOffset(2031, 10, 2, 23, 59, 0, TimeSpan.FromHours(2)),
    };

    private static readonly SpeakerBody Speaker = new()
    {
        CityId = DemoData.MunichId,
        Name = "Dr. Anna Huber",
        Title = "IT-Direktorin",
        Organization = "Landeshauptstadt München, IT-Referat",
        Email = "anna.huber@muenchen.example",
        TalkTitle = "Die E-Akte in München: was wir gelernt haben",
        Abstract = "Drei Jahre E-Akte in 40 Referaten: Einführung, Schulung, was wir anders machen würden.",
        RequestedMinutes = 30,
    };

    private static readonly AgendaItemBody Item = new()
    {
        Title = "Digitale Roadmap der Stadt: Stand und Prioritäten",
        Description = "Bericht des Stadtdirektors, anschließend Aussprache.",
        DurationMinutes = 45,
        Kind = AgendaItemKind.Discussion,
        Presenter = new PresenterBody { Kind = PresenterKind.Host, Name = "Stefan Brandl" },
    };

    private static readonly TaskBody BauamtTask = new()
    {
        Title = "Zeitplan für die E-Akte im Bauamt vorlegen",
        DepartmentId = DemoData.DepartmentId("12"),
        DueOn = new DateOnly(2031, 12, 1),
        Description = "Mit den Meilensteinen der Schulung und der Umstellung der Altakten.",
    };

    private static readonly Dictionary<string, object> Examples = new(StringComparer.Ordinal)
    {
        ["CreateCity"] = new CityInput { Name = "Nürnberg", Kind = CityKind.Partner, ContactEmail = "digitalisierung@nuernberg.example" },
        ["UpdateCity"] = new CityInput { Name = "München", Kind = CityKind.Partner, ContactEmail = "it-referat@muenchen.example" },
        ["CreateDepartment"] = new DepartmentInput
        {
            Code = "13", Name = "Amt für Statistik und Stadtforschung",
            Head = new PersonBody { Name = "Dr. Lena Vogel", Email = "lena.vogel@augsburg.example", Title = "Amtsleiterin" },
            Deputy = new PersonBody { Name = "Jonas Baumann", Email = "jonas.baumann@augsburg.example" },
        },
        ["UpdateDepartment"] = new DepartmentInput
        {
            Code = "12", Name = "Amt für Digitalisierung, Bürgerservice und Informationssicherheit",
            Head = new PersonBody { Name = "Julia Hoffmann", Email = "julia.hoffmann@augsburg.example", Title = "Amtsleiterin" },
            Deputy = new PersonBody { Name = "Stefan Koch", Email = "stefan.koch@augsburg.example" },
            Active = true,
        },
        ["CreateApiKey"] = new ApiKeyInput { Name = "Intranet-Portal Amt 12", Role = ApiKeyRole.Department, DepartmentId = DemoData.DepartmentId("12") },
        ["CreateSeries"] = new SeriesBody
        {
            Name = "Digitalrat", HostCityId = DemoData.AugsburgId,
            Hosts = [new PersonBody { Name = "Stefan Brandl", Title = "Stadtdirektor", Email = "stadtdirektor@augsburg.example" }],
            OrganizerEmail = "direktorium@augsburg.example", MinMeetingsPerYear = 4, DefaultDurationMinutes = 120,
            DefaultLocation = Rathaus, TimeZone = "Europe/Berlin",
        },
        ["UpdateSeries"] = new SeriesBody
        {
            Name = "Amtsleitungstreffen", HostCityId = DemoData.AugsburgId,
            Hosts =
            [
                new PersonBody { Name = "Dr. Maria Lindner", Title = "Oberbürgermeisterin", Email = "oberbuergermeisterin@augsburg.example" },
                new PersonBody { Name = "Stefan Brandl", Title = "Stadtdirektor", Email = "stadtdirektor@augsburg.example" },
            ],
            OrganizerEmail = "direktorium@augsburg.example", MinMeetingsPerYear = 2, DefaultDurationMinutes = 180,
            DefaultLocation = Rathaus with { OnlineUrl = null }, TimeZone = "Europe/Berlin",
        },
        ["CreateMeeting"] = Meeting,
        ["UpdateMeeting"] = Meeting,
        ["RescheduleMeeting"] = new RescheduleBody
        {
            StartsAt = new DateTimeOffset(2031, 10, 16, 14, 0, 0, TimeSpan.FromHours(2)),
            EndsAt = new DateTimeOffset(2031, 10, 16, 17, 0, 0, TimeSpan.FromHours(2)),
            Reason = "Terminkollision mit der Stadtratssitzung",
        },
        ["CancelMeeting"] = new CancelBody { Reason = "Entfällt wegen Haushaltsklausur" },
        ["CompleteMeeting"] = new CompleteBody { AttendedInvitationIds = [] },
        ["AnswerByKey"] = new AnswerBody { Status = AnswerStatus.Accepted, Comment = "Ich komme etwas später." },
        ["AnswerByToken"] = new AnswerBody { Status = AnswerStatus.Accepted, Comment = "Ich komme etwas später." },
        ["SetReminders"] = new RemindersBody { Offsets = ["P7D", "P1D"], RsvpNudge = "P2D" },
        ["RegisterSpeaker"] = Speaker,
        ["EditSpeaker"] = Speaker,
        ["ConfirmSpeaker"] = new ConfirmBody { AddToAgenda = true },
        ["RejectSpeaker"] = new RejectBody { Reason = "Das Programm ist bereits voll; gern beim nächsten Treffen." },
        ["AddAgendaItem"] = Item,
        ["ReplaceAgendaItem"] = Item,
        ["SaveMinutes"] = new MinutesBody
        {
            Keeper = new KeeperBody { Name = "Petra Schreiber", Email = "protokoll@augsburg.example" },
            Entries =
            [
                new MinutesEntryBody { Kind = MinutesEntryKind.Decision, Text = "Die E-Akte wird bis Ende 2032 in allen Ämtern eingeführt." },
                new MinutesEntryBody { Kind = MinutesEntryKind.Task, Text = "Das Bauamt legt einen Zeitplan für die E-Akte vor.", Task = BauamtTask },
            ],
        },
        ["ReopenMinutes"] = new ReopenBody { Reason = "Beschluss zu TOP 2 war unvollständig wiedergegeben." },
        ["CreateTask"] = BauamtTask,
        ["UpdateTask"] = new TaskUpdateBody { Status = MeetingTaskStatus.InProgress, Note = "Entwurf liegt dem Referat vor." },
        ["GiveFeedback"] = new FeedbackBody { Rating = 4, Items = [], Comment = "Gern mehr Zeit für die Aussprache." },
    };

    /// <summary>The operations that have an example, and the example as the service reads it.</summary>
    public static IReadOnlyDictionary<string, string> All => Examples.ToDictionary(e => e.Key, e => JsonSerializer.Serialize(e.Value, e.Value.GetType(), Json));

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is { } id && Examples.TryGetValue(id, out var example)
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
        {
            media.Example = JsonSerializer.SerializeToNode(example, example.GetType(), Json);
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        JsonSetup.Apply(options);
        return options;
    }
}
