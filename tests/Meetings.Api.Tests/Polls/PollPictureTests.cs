using System.Net;
using System.Xml.Linq;
using Meetings.Api.Tests.Infrastructure;
using static Meetings.Api.Tests.Polls.PollArrange;

namespace Meetings.Api.Tests.Polls;

/// <summary><c>poll.svg</c>: a valid SVG the office opens, readable without colour (✓ ~ ✗ as text), the best slot marked.</summary>
public sealed class PollPictureTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task The_picture_is_valid_svg_with_symbols_as_text_and_the_best_slot_marked()
    {
        var a = await Open(app, _admin);
        var (_, key) = await _admin.CreateKey("department", a.Department);
        await (await app.WithKey(key).PutJson($"/api/meetings/{a.Meeting}/poll/votes/{a.Department}", Votes(a, "yes", "maybe", "no"))).Json(HttpStatusCode.OK);

        var response = await _admin.GetAsync($"/api/meetings/{a.Meeting}/poll.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Svg + "svg", svg.Name);
        Assert.StartsWith("Terminabstimmung: ", svg.Element(Svg + "title")!.Value, StringComparison.Ordinal);
        var answers = svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "answer").Select(t => t.Value).ToList();
        Assert.Equal(a.Participants * 3, answers.Count);
        Assert.Equal(["✓", "~", "✗"], answers.Where(s => s != "–"));
        Assert.Single(svg.Descendants(Svg + "rect"), r => (string?)r.Attribute("class") == "best");
        Assert.Single(svg.Descendants(Svg + "text"), t => t.Value.StartsWith('★'));
        await (await app.WithKey(key).GetAsync($"/api/meetings/{a.Meeting}/poll.svg")).Problem(HttpStatusCode.Forbidden);
    }
}
