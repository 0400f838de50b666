using Ical.Net;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using MimeKit;

namespace Meetings.Api.Tests.Mail;

/// <summary>Who the calendar data names as ORGANIZER, and the pickup files as a mail program opens them.</summary>
public sealed class CalendarOrganizerTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task A_pickup_file_is_the_message_as_sent_with_CRLF_and_the_series_organizer_in_its_calendar_part()
    {
        await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30));

        await app.Dispatch();

        var files = System.IO.Directory.GetFiles(app.PickupDirectory, "*.eml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.DoesNotContain(bytes.Select((b, i) => (b, i)), x => x.b == '\n' && (x.i == 0 || bytes[x.i - 1] != '\r'));
        }

        var message = await MimeMessage.LoadAsync(files[0]);
        var organizer = OrganizerOf(message);
        Assert.Equal("mailto:direktorium@host.example", organizer.Value!.OriginalString);
        Assert.StartsWith("Amtsleitungstreffen ", organizer.CommonName, StringComparison.Ordinal);
        Assert.Contains($"{meeting}@meetings", message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar").Text, StringComparison.Ordinal);
    }

    internal static Ical.Net.DataTypes.Organizer OrganizerOf(MimeMessage message) =>
        Calendar.Load(message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar").Text)!.Events.Single().Organizer!;
}

/// <summary><c>Mail:Organizer</c>, when an operator sets it, replaces the series' organizer everywhere.</summary>
public sealed class ConfiguredOrganizerTests(ConfiguredOrganizerTests.OfficeOrganizerApp app) : IClassFixture<ConfiguredOrganizerTests.OfficeOrganizerApp>
{
    private const string Office = "buero.ob@augsburg.example";

    [Fact]
    public async Task Mail_Organizer_is_the_organizer_of_invitations_and_of_the_calendar_files()
    {
        var admin = app.Admin();
        await admin.CreateDepartment();
        var series = await admin.CreateSeries();
        var meeting = await admin.CreatePublished(series, app.Clock.GetUtcNow().AddDays(30));

        await app.Dispatch();

        var invitation = await MimeMessage.LoadAsync(System.IO.Directory.GetFiles(app.PickupDirectory, "*.eml")[0]);
        var file = Calendar.Load(await (await admin.GetAsync($"/api/meetings/{meeting}/calendar.ics")).Content.ReadAsStringAsync())!.Events.Single();
        var seriesFile = Calendar.Load(await (await admin.GetAsync($"/api/series/{series}/calendar.ics")).Content.ReadAsStringAsync())!.Events.Single();
        Assert.Equal($"mailto:{Office}", CalendarOrganizerTests.OrganizerOf(invitation).Value!.OriginalString);
        Assert.Equal($"mailto:{Office}", file.Organizer!.Value!.OriginalString);
        Assert.Equal($"mailto:{Office}", seriesFile.Organizer!.Value!.OriginalString);
        Assert.StartsWith("Amtsleitungstreffen ", file.Organizer.CommonName, StringComparison.Ordinal);
    }

    public sealed class OfficeOrganizerApp : MeetingsApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Mail:Organizer", Office);
        }
    }
}
