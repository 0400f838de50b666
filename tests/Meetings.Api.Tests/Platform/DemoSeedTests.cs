using System.Net;
using Meetings.Api.Tests.Infrastructure;

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
}
