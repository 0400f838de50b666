using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Domain.Mail;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Tests.Directory;

/// <summary>POST /api/departments/import: the office's spreadsheet as Excel saves it.</summary>
public sealed class ImportDepartmentsTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private const string Header = "code;name;headName;headEmail;headTitle;deputyName;deputyEmail";
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
    private readonly HttpClient _admin = app.Admin();

    internal static Task<HttpResponseMessage> Import(HttpClient client, byte[] file, string query = "")
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return client.PostAsync($"/api/departments/import{query}", content);
    }

    internal static string Code() => DirectoryData.Unique("I").ToUpperInvariant();

    private static byte[] Utf8(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    private async Task<JsonElement> Department(string code)
    {
        var list = await (await _admin.GetAsync("/api/departments?take=200")).Json(HttpStatusCode.OK);
        var total = list.GetProperty("total").GetInt32();
        for (var skip = 0; skip < total; skip += 200)
        {
            var page = await (await _admin.GetAsync($"/api/departments?take=200&skip={skip}")).Json(HttpStatusCode.OK);
            foreach (var d in page.GetProperty("items").EnumerateArray().Where(d => d.Str("code") == code))
            {
                return d;
            }
        }

        return default;
    }

    [Fact]
    public async Task A_dry_run_reports_every_change_and_changes_nothing()
    {
        var known = Code();
        await _admin.CreateDepartment(known);
        var added = Code();
        var file = Utf8(
            Header,
            $"{known};Amt {known};Neue Leitung;neu.{known.ToLowerInvariant()}@augsburg.example;Amtsleiterin;Vertretung {known};vertretung.{known.ToLowerInvariant()}@augsburg.example",
            $"{added};Amt für Neues;Nina Neu;nina.{added.ToLowerInvariant()}@augsburg.example;Amtsleiterin;;");

        var report = await (await Import(_admin, file)).Json(HttpStatusCode.OK);

        Assert.Equal(added, Assert.Single(report.GetProperty("created").EnumerateArray()).Str("code"));
        var update = Assert.Single(report.GetProperty("updated").EnumerateArray());
        Assert.Equal(known, update.Str("code"));
        var changes = update.GetProperty("changes").EnumerateArray().ToDictionary(c => c.Str("field"));
        Assert.Equal(["headEmail", "headName"], changes.Keys.Order());
        Assert.Equal($"Leitung {known}", changes["headName"].Str("from"));
        Assert.Equal("Neue Leitung", changes["headName"].Str("to"));
        Assert.Empty(report.GetProperty("errors").EnumerateArray());
        Assert.Equal(JsonValueKind.Undefined, (await Department(added)).ValueKind);
        Assert.Equal($"Leitung {known}", (await Department(known)).GetProperty("head").Str("name"));
    }

    [Fact]
    public async Task Windows_1252_with_umlauts_and_semicolons_is_read_as_Excel_saves_it()
    {
        var code = Code();
        var file = Windows1252.GetBytes($"{Header}\r\n{code};Amt für Grünordnung;Jürgen Weiß;juergen.{code.ToLowerInvariant()}@augsburg.example;Amtsleiter;Sabine Groß;sabine.{code.ToLowerInvariant()}@augsburg.example\r\n");

        var report = await (await Import(_admin, file, "?dryRun=false")).Json(HttpStatusCode.OK);

        Assert.Single(report.GetProperty("created").EnumerateArray());
        var department = await Department(code);
        Assert.Equal("Amt für Grünordnung", department.Str("name"));
        Assert.Equal("Jürgen Weiß", department.GetProperty("head").Str("name"));
        Assert.Equal("Sabine Groß", department.GetProperty("deputy").Str("name"));
    }

    [Fact]
    public async Task UTF8_with_BOM_commas_quotes_and_any_column_order_is_read()
    {
        var code = Code();
        var lines = "headEmail,Bemerkung,code,headName,name\r\n"
            + $"mueller.{code.ToLowerInvariant()}@augsburg.example,egal,{code},\"Müller, Anna\",\"Amt für Kinder, Jugend und Familie\"\r\n";
        var file = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(lines)).ToArray();

        await (await Import(_admin, file, "?dryRun=false")).Json(HttpStatusCode.OK);

        var department = await Department(code);
        Assert.Equal("Amt für Kinder, Jugend und Familie", department.Str("name"));
        Assert.Equal("Müller, Anna", department.GetProperty("head").Str("name"));
        Assert.False(department.TryGetProperty("deputy", out _));
    }

    [Fact]
    public async Task An_error_line_applies_nothing_and_is_named_by_line_and_column()
    {
        var good = Code();
        var bad = Code();
        var file = Utf8(
            Header,
            $"{good};Amt {good};Gute Leitung;gut.{good.ToLowerInvariant()}@augsburg.example;;;",
            $"{bad};Amt {bad};Schlechte Leitung;keine-adresse;;Vertretung;",
            $"{good};Amt {good} doppelt;Gute Leitung;gut.{good.ToLowerInvariant()}@augsburg.example;;;");

        foreach (var query in new[] { "?dryRun=false", string.Empty })
        {
            var problem = await (await Import(_admin, file, query)).Problem(HttpStatusCode.UnprocessableEntity);

            var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.Str("field"))).ToList();
            Assert.Contains((3, "headEmail"), errors);
            Assert.Contains((3, "deputyEmail"), errors);
            Assert.Contains((4, "code"), errors);
            Assert.Equal(good, Assert.Single(problem.GetProperty("created").EnumerateArray()).Str("code"));
        }

        Assert.Equal(JsonValueKind.Undefined, (await Department(good)).ValueKind);
    }

    [Fact]
    public async Task Departments_created_by_one_import_are_all_invited_to_every_meeting_ahead()
    {
        var meetings = new[]
        {
            await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(30)),
            await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(60)),
        };
        var codes = new[] { Code(), Code() };

        var report = await (await Import(_admin, Utf8(
            ["code;name;headName;headEmail", .. codes.Select(c => $"{c};Amt {c};Leitung {c};leitung.{c.ToLowerInvariant()}@augsburg.example")]), "?dryRun=false")).Json(HttpStatusCode.OK);

        var created = report.GetProperty("created").EnumerateArray().Select(d => d.Id()).ToHashSet();
        Assert.Equal(2, created.Count);
        foreach (var meeting in meetings)
        {
            var invited = (await _admin.Invitations(meeting))
                .Where(i => i.TryGetProperty("departmentId", out var d) && d.GetString() is { } id && created.Contains(id)).ToList();
            Assert.Equal(2, invited.Count);
        }
    }

    [Fact]
    public async Task A_new_head_by_import_rotates_the_link_and_the_new_head_is_invited()
    {
        var code = Code();
        var id = await _admin.CreateDepartment(code);
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(30));
        var invitation = (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == id);
        var oldToken = await app.Token(invitation);
        var newHead = $"neu.{code.ToLowerInvariant()}@augsburg.example";

        await (await Import(_admin, Utf8("code;name;headName;headEmail", $"{code};Amt {code};Neue Leitung;{newHead}"), "?dryRun=false")).Json(HttpStatusCode.OK);

        await (await app.Anonymous().GetAsync($"/api/rsvp/{oldToken}")).Problem(HttpStatusCode.NotFound);
        var newToken = await app.Token(invitation);
        var view = await (await app.Anonymous().GetAsync($"/api/rsvp/{newToken}")).Json(HttpStatusCode.OK);
        Assert.Equal(newHead, view.GetProperty("invitation").GetProperty("recipient").Str("email"));
        var invitationId = Guid.Parse(invitation.Id());
        Assert.True(await app.Db(db => db.Deliveries.AnyAsync(d => d.InvitationId == invitationId && d.Kind == DeliveryKind.Invitation && d.RecipientEmail == newHead)));
        var department = await (await _admin.GetAsync($"/api/departments/{id}")).Json(HttpStatusCode.OK);
        Assert.Equal($"Vertretung {code}", department.GetProperty("deputy").Str("name")); // no deputy columns: the deputy stays
    }

    [Fact]
    public async Task More_than_2000_rows_is_a_422_and_more_than_1_MiB_a_413()
    {
        var rows = Enumerable.Range(1, 2001).Select(i => $"R{i};Amt {i};Leitung {i};leitung{i}@augsburg.example");
        var tooMany = await (await Import(_admin, Utf8([.. new[] { "code;name;headName;headEmail" }.Concat(rows)]))).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(2002, tooMany.GetProperty("errors")[0].GetProperty("line").GetInt32());

        var large = new byte[(1024 * 1024) + 1];
        Array.Fill(large, (byte)'a');
        await (await Import(_admin, large)).Problem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_header_without_a_required_column_is_an_error_of_line_1()
    {
        var problem = await (await Import(_admin, Utf8("code;name;headName", "X1;Amt;Leitung"))).Problem(HttpStatusCode.UnprocessableEntity);

        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("line").GetInt32());
        Assert.Equal("headEmail", error.Str("field"));
    }

    [Fact]
    public async Task Only_an_admin_imports_and_only_text_csv()
    {
        var (_, departmentKey) = await _admin.CreateKey("department", await _admin.CreateDepartment());

        await (await Import(app.WithKey(departmentKey), Utf8(Header))).Problem(HttpStatusCode.Forbidden);
        await (await _admin.PostJson("/api/departments/import", new { code = "X" })).Problem(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task The_example_file_of_the_repository_reads_without_errors()
    {
        var file = await File.ReadAllBytesAsync(Path.Combine(Repository.Root, "docs", "examples", "departments.csv"));

        var report = await (await Import(_admin, file)).Json(HttpStatusCode.OK);

        var names = report.GetProperty("created").EnumerateArray().Select(d => d.Str("name")).ToList();
        Assert.Contains("Amt für Grünordnung, Naturschutz und Friedhofswesen", names);
        Assert.Contains(report.GetProperty("created").EnumerateArray(), d => d.GetProperty("head").Str("name") == "Jürgen Weiß");
    }
}

/// <summary>deactivateMissing on a database of its own (it deactivates every department the file lacks).</summary>
public sealed class ImportDeactivatingTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    [Fact]
    public async Task Departments_missing_from_the_file_are_deactivated_only_when_asked()
    {
        var admin = app.Admin();
        var kept = ImportDepartmentsTests.Code();
        var missing = ImportDepartmentsTests.Code();
        await admin.CreateDepartment(kept);
        var missingId = await admin.CreateDepartment(missing);
        var file = Encoding.UTF8.GetBytes($"code;name;headName;headEmail\n{kept};Amt {kept};Leitung {kept};leitung.{kept.ToLowerInvariant()}@augsburg.example\n");

        var without = await (await ImportDepartmentsTests.Import(admin, file, "?dryRun=false")).Json(HttpStatusCode.OK);
        var with = await (await ImportDepartmentsTests.Import(admin, file, "?dryRun=false&deactivateMissing=true")).Json(HttpStatusCode.OK);

        Assert.Empty(without.GetProperty("deactivated").EnumerateArray());
        Assert.Equal(1, with.GetProperty("unchanged").GetInt32());
        Assert.Equal(missing, Assert.Single(with.GetProperty("deactivated").EnumerateArray()).GetString());
        Assert.False((await (await admin.GetAsync($"/api/departments/{missingId}")).Json(HttpStatusCode.OK)).GetProperty("active").GetBoolean());

        var again = Encoding.UTF8.GetBytes($"code;name;headName;headEmail\n{missing};Amt {missing};Leitung {missing};leitung.{missing.ToLowerInvariant()}@augsburg.example\n");
        var reactivated = await (await ImportDepartmentsTests.Import(admin, again, "?dryRun=false")).Json(HttpStatusCode.OK);
        var change = Assert.Single(Assert.Single(reactivated.GetProperty("updated").EnumerateArray()).GetProperty("changes").EnumerateArray());
        Assert.Equal(("active", "false", "true"), (change.Str("field"), change.Str("from"), change.Str("to")));
        Assert.True((await (await admin.GetAsync($"/api/departments/{missingId}")).Json(HttpStatusCode.OK)).GetProperty("active").GetBoolean());
    }
}
