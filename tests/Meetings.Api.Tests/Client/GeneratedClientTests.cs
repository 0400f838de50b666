using Meetings.Api.Tests.Infrastructure;
using Meetings.Client;
using Meetings.Client.Models;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace Meetings.Api.Tests.Client;

/// <summary>The generated client (clients/Meetings.Client) as an integrator uses it, against the real service.</summary>
public sealed class GeneratedClientTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    /// <summary>Kiota's own middleware (retry, redirect, headers inspection …) in front of the service; every answer is contract-checked.</summary>
    private MeetingsClient ClientWith(string key)
    {
        var http = KiotaClientFactory.Create(finalHandler: app.CheckedHandler());
        return new MeetingsClient(new HttpClientRequestAdapter(new MeetingsApiKey(key), httpClient: http) { BaseUrl = "http://localhost" });
    }

    [Fact]
    public async Task An_integration_publishes_a_meeting_and_a_department_key_answers_and_reads_attendance_through_the_generated_client()
    {
        var office = ClientWith(MeetingsApp.AdminKey);
        var city = await office.Api.Cities.PostAsync(new CityInput { Name = "Kempten", Kind = CityKind.Host, ContactEmail = "ob@kempten.example" });
        var department = await office.Api.Departments.PostAsync(new DepartmentInput
        {
            Code = "12", Name = "Amt für Digitalisierung",
            Head = new PersonBody { Name = "Julia Hoffmann", Email = "julia.hoffmann@kempten.example", Title = "Amtsleiterin" },
        });
        var series = await office.Api.Series.PostAsync(new SeriesBody
        {
            Name = "Amtsleitungstreffen", HostCityId = city!.Id,
            Hosts = [new PersonBody { Name = "Stefan Brandl", Title = "Stadtdirektor", Email = "stadtdirektor@kempten.example" }],
            OrganizerEmail = "direktorium@kempten.example", DefaultDurationMinutes = 180,
            DefaultLocation = new LocationBody { Name = "Rathaus", Room = "Sitzungssaal" }, TimeZone = "Europe/Berlin",
        });
        var draft = await office.Api.Meetings.PostAsync(new MeetingBody
        {
            SeriesId = series!.Id, Title = "Amtsleitungstreffen Frühjahr", StartsAt = MeetingsApp.Start.AddDays(30),
        });
        var meeting = office.Api.Meetings[draft!.Id!.Value];
        var headers = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        await meeting.GetAsync(r => r.Options.Add(headers));
        var published = await meeting.Publish.PostAsync(r => r.Headers.Add("If-Match", headers.ResponseHeaders["ETag"].Single()));
        var key = await office.Api.ApiKeys.PostAsync(new ApiKeyInput { Name = "Intranet Amt 12", Role = ApiKeyRole.Department, DepartmentId = department!.Id });

        var portal = ClientWith(key!.Key!).Api.Meetings[draft.Id.Value];
        var invitation = Assert.Single((await portal.Invitations.GetAsync())!.Items!);
        var answer = await portal.Invitations[invitation.Id!.Value].Response.PutAsync(new AnswerBody { Status = AnswerStatus.Accepted, Comment = "Gern." });
        var attendance = await meeting.Attendance.GetAsync();

        Assert.Equal(MeetingStatus.Published, published!.Status);
        Assert.Equal(("julia.hoffmann@kempten.example", AnswerStatus.Accepted), (invitation.Recipient!.Email, answer!.Status));
        Assert.Contains(attendance!.Coming!, a => a.Email == "julia.hoffmann@kempten.example" && a.DepartmentId == department.Id);
        Assert.Equal((1, 0), (attendance.Counts!.Accepted, attendance.Counts.Delegated)); // typed: every answer a property of its own
    }

    [Fact]
    public async Task Filters_are_typed_errors_arrive_as_typed_problems_and_calendar_files_as_streams()
    {
        var office = ClientWith(MeetingsApp.AdminKey);
        var series = await office.Api.Series.PostAsync(new SeriesBody
        {
            Name = "Digitalrat", HostCityId = (await office.Api.Cities.PostAsync(new CityInput { Name = "Lindau", Kind = CityKind.Host, ContactEmail = "ob@lindau.example" }))!.Id,
            Hosts = [new PersonBody { Name = "Eva Maier", Title = "Oberbürgermeisterin", Email = "ob@lindau.example" }],
            OrganizerEmail = "direktorium@lindau.example", DefaultLocation = new LocationBody { Name = "Rathaus" },
        });
        var draft = await office.Api.Meetings.PostAsync(new MeetingBody { SeriesId = series!.Id, Title = "Digitalrat", StartsAt = MeetingsApp.Start.AddDays(9) });
        var meeting = office.Api.Meetings[draft!.Id!.Value];
        await meeting.Publish.PostAsync();

        var listed = await office.Api.Meetings.GetAsync(r =>
        {
            r.QueryParameters.SeriesId = series.Id;
            r.QueryParameters.Status = MeetingStatus.Published;
            r.QueryParameters.From = MeetingsApp.Start.AddDays(8);
            r.QueryParameters.To = MeetingsApp.Start.AddDays(10);
        });
        var none = await office.Api.Meetings.GetAsync(r =>
        {
            r.QueryParameters.SeriesId = series.Id;
            r.QueryParameters.Status = MeetingStatus.Cancelled;
        });
        var again = await Assert.ThrowsAsync<ProblemDetails>(() => meeting.Publish.PostAsync());
        var invalid = await Assert.ThrowsAsync<HttpValidationProblemDetails>(() => office.Api.Meetings.GetAsync(r => r.QueryParameters.Take = 500));
        var unknownKey = await Assert.ThrowsAsync<ProblemDetails>(() => ClientWith("not-a-key").Api.Meetings.GetAsync());
        await using var file = await ClientWith(MeetingsApp.AdminKey).Api.Meetings[draft.Id.Value].CalendarIcs.GetAsync();

        Assert.Equal(draft.Id, Assert.Single(listed!.Items!).Id);
        Assert.Equal(0, none!.Total);
        Assert.Equal(409, again.ResponseStatusCode);
        Assert.Contains("draft", again.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(invalid.Errors!.AdditionalData.ContainsKey("take"));
        Assert.Equal(401, unknownKey.ResponseStatusCode);
        using var reader = new StreamReader(file!);
        Assert.Equal("BEGIN:VCALENDAR", await reader.ReadLineAsync());
    }
}
