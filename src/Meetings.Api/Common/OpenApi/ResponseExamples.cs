using System.Text.Json;
using Meetings.Api.Features.Cities;
using Meetings.Api.Features.Departments;
using Meetings.Api.Features.Meetings;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Seed;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Meetings.Api.Common.OpenApi;

/// <summary>
/// Success response examples for the reads an integrator builds on first (the demo data's ids and names), so that
/// Swagger UI shows a real answer, not one made of the schema's placeholders. Written as the service writes JSON; the
/// tests check each against the operation's response schema (<c>OpenApiDocumentTests</c>). Responses without one show
/// the schema's own example, made of the properties' <c>&lt;example&gt;</c> values.
/// </summary>
internal sealed class ResponseExamples : IOperationFilter
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    private static readonly PersonResponse Head = new("Julia Hoffmann", "julia.hoffmann@augsburg.example", "Amtsleiterin", "de");

    private static readonly CityResponse Munich = new(DemoData.MunichId, "München", CityKind.Partner, "it-referat@muenchen.example");

    private static readonly Dictionary<string, (int Status, object Example)> Examples = new(StringComparer.Ordinal)
    {
        ["GetCity"] = (StatusCodes.Status200OK, Munich),
        ["UpdateCity"] = (StatusCodes.Status200OK, Munich),
        ["GetDepartment"] = (StatusCodes.Status200OK, new DepartmentResponse(DemoData.DepartmentId("12"), "12", "Amt für Digitalisierung, Bürgerservice und Informationssicherheit",
            Head, new PersonResponse("Stefan Koch", "stefan.koch@augsburg.example", null, "de"), Active: true)),
        ["GetAttendance"] = (StatusCodes.Status200OK, new AttendanceResponse(
            new Guid("01970000-0000-7000-8000-00000000a001"), 14, new AttendanceCounts(Pending: 3, Accepted: 8, Declined: 1, Tentative: 1, Delegated: 1),
            [
                new AttendeeResponse(new Guid("01970000-0000-7000-8000-00000000b012"), InvitationKind.Department, DemoData.DepartmentId("12"),
                    Head.Name, Head.Email, AnswerStatus.Accepted, null),
                new AttendeeResponse(new Guid("01970000-0000-7000-8000-00000000b013"), InvitationKind.Department, DemoData.DepartmentId("13"),
                    "Jonas Baumann", "jonas.baumann@augsburg.example", AnswerStatus.Delegated,
                    new PersonResponse("Dr. Lena Vogel", "lena.vogel@augsburg.example", "Amtsleiterin", "de")),
            ],
            Attended: null)),
    };

    /// <summary>The operations that have a response example: its status and the example as the service writes it.</summary>
    public static IReadOnlyDictionary<string, (int Status, string Example)> All =>
        Examples.ToDictionary(e => e.Key, e => (e.Value.Status, JsonSerializer.Serialize(e.Value.Example, e.Value.Example.GetType(), Json)));

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is { } id && Examples.TryGetValue(id, out var example)
            && operation.Responses?.TryGetValue(example.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true
            && response.Content?.TryGetValue("application/json", out var media) == true && media is OpenApiMediaType json)
        {
            json.Example = JsonSerializer.SerializeToNode(example.Example, example.Example.GetType(), Json);
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        JsonSetup.Apply(options);
        return options;
    }
}
