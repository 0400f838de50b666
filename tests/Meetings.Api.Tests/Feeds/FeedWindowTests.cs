using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Api.Tests.Security;

namespace Meetings.Api.Tests.Feeds;

/// <summary>What a feed reaches back to (12 months), on a service of its own (the test moves the clock), and that tokens stay out of the log.</summary>
public sealed class FeedWindowTests
{
    [Fact]
    public async Task A_meeting_older_than_twelve_months_leaves_the_feed()
    {
        await using var app = new MeetingsApp();
        var admin = app.Admin();
        var department = await admin.Department(await admin.CreateDepartment());
        var meeting = await admin.CreatePublished(await admin.CreateSeries(), MeetingsApp.Start.AddDays(10));
        var token = (await app.PersonFeedToken(department.HeadEmail()))!;
        var (now, _, _) = await app.Feed(token);

        app.Clock.Advance(TimeSpan.FromDays(10) + TimeSpan.FromDays(366));
        var (later, _, _) = await app.Feed(token);

        Assert.Contains(CalendarReplyData.Uid(meeting), now.Uids());
        Assert.Empty(later.Uids());
    }

    [Fact]
    public async Task Feed_tokens_appear_in_no_log_line_also_when_a_request_fails_only_the_route_template()
    {
        await using var app = new LogTests.LoggedApp();
        var admin = app.Admin();
        var feed = await (await admin.PostJson("/api/feeds", new { kind = "series", refId = await admin.CreateSeries() })).Json(HttpStatusCode.Created);
        var path = new Uri(feed.Str("url")).AbsolutePath;
        var token = path["/calendar/".Length..^".ics".Length];

        await app.Feed(token);
        await (await app.Anonymous().GetAsync("/calendar/some-unknown-token.ics")).Problem(HttpStatusCode.NotFound);
        app.Faults.Next = new InvalidOperationException("a bug (test)");
        await (await app.Anonymous().GetAsync(path)).Problem(HttpStatusCode.InternalServerError);

        Assert.Contains(app.Lines, l => l.Contains("/calendar/{token}.ics", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Lines, l => l.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Lines, l => l.Contains("some-unknown-token", StringComparison.Ordinal));
    }
}
