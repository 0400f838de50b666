using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Infrastructure.Seed;

namespace Meetings.Api.Tests.Platform;

public sealed class DemoSeedTests(SeededMeetingsApp app) : IClassFixture<SeededMeetingsApp>
{
    [Fact]
    public async Task A_new_database_gets_the_demo_cities_departments_and_series()
    {
        var admin = app.Admin();

        var cities = (await (await admin.GetAsync("/api/cities")).Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        var departments = (await (await admin.GetAsync("/api/departments?active=true&take=200")).Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        var series = (await (await admin.GetAsync("/api/series")).Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();

        Assert.Contains(cities, c => c.Str("name") == "Augsburg" && c.Str("kind") == "host");
        Assert.Contains(cities, c => c.Str("name") == "München" && c.Str("kind") == "partner");
        Assert.True(cities.Count(c => c.Str("kind") == "partner") >= 2);
        Assert.True(departments.Count >= 12);
        Assert.All(departments, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("head").Str("title")));
            Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("deputy").Str("email")));
        });
        var amtsleitung = Assert.Single(series, s => s.Str("name") == "Amtsleitungstreffen");
        Assert.Equal(2, amtsleitung.GetProperty("hosts").GetArrayLength());
        Assert.Equal(2, amtsleitung.GetProperty("minMeetingsPerYear").GetInt32());
    }

    [Fact]
    public async Task A_new_database_has_a_published_meeting_whose_invitations_are_mails_with_links_to_the_answer_page()
    {
        var admin = app.Admin();
        var meeting = DemoData.MeetingId.ToString();

        var shown = await (await admin.GetAsync($"/api/meetings/{meeting}")).Json(HttpStatusCode.OK);
        var invitations = await admin.Invitations(meeting);
        var deliveries = (await (await admin.GetAsync($"/api/meetings/{meeting}/deliveries?take=200")).Json(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Where(d => d.Str("kind") == "invitation").ToList();

        Assert.Equal("published", shown.Str("status"));
        Assert.Equal(DayOfWeek.Thursday, DateTime.Parse(shown.Str("startsAtLocal")!, System.Globalization.CultureInfo.InvariantCulture).DayOfWeek);
        Assert.True(shown.GetProperty("startsAt").GetDateTimeOffset() > app.Clock.GetUtcNow().AddDays(28), "weeks ahead, so that answers are open");
        Assert.Equal(DemoData.Departments.Length + 2, invitations.Length); // every head and both hosts
        Assert.Equal(invitations.Length, deliveries.Count);
        var page = await app.Anonymous().GetAsync($"/rsvp/{(await app.Token(invitations[0]))}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Die E-Akte in allen", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
