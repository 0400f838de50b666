using System.Net;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Infrastructure.Feedback;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Meetings.Api.Tests.Security;

/// <summary>
/// Finding of issue 19: the office could tell who gave which rating — by the links in its responses (see
/// <see cref="PersonalLinkTests"/>), by the audit log's exact time of each feedback, and, without a configured secret,
/// by pseudonyms made from a constant in the code.
/// </summary>
public sealed class FeedbackAnonymityTests(FeedbackAnonymityTests.SecretApp app) : IClassFixture<FeedbackAnonymityTests.SecretApp>
{
    private const string Secret = "Vertraulich: der Vortrag war schwach";

    private static readonly string[] AuditFields = ["actor", "at", "change", "id", "operation", "resourceId", "resourceType"];

    private readonly HttpClient _admin = app.Admin();

    /// <summary>A meeting completed an hour after its end, one department attended; returns the meeting, the invitation and the attendee's link as mailed.</summary>
    private async Task<(string Meeting, JsonElement Invitation, string Link)> Attended()
    {
        var department = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(1));
        var invitation = Assert.Single(await _admin.Invitations(meeting), i => i.TryGetProperty("departmentId", out var d) && d.GetString() == department);
        app.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromHours(4)));
        await (await _admin.Action(meeting, "complete", new { attendedInvitationIds = new[] { invitation.Id() } })).Json(HttpStatusCode.OK);
        while ((await app.Dispatch()).Claimed > 0)
        {
        }

        var request = Assert.Single(app.Smtp.To(invitation.GetProperty("recipient").Str("email"), meeting), m => m.Headers["X-Meetings-Kind"] == "FeedbackRequest");
        return (meeting, invitation, Links.TokenIn(request));
    }

    private Task<HttpResponseMessage> Give(string link, object body) => app.Anonymous().PutJson($"/api/rsvp/{link}/feedback", body);

    [Fact]
    public async Task The_office_cannot_get_at_a_persons_own_feedback()
    {
        var (meeting, invitation, link) = await Attended();
        await (await Give(link, new { rating = 1, comment = Secret })).Json(HttpStatusCode.OK);

        var bodies = new[]
        {
            await (await _admin.GetAsync($"/api/meetings/{meeting}/invitations?take=200")).Content.ReadAsStringAsync(),
            await (await _admin.GetAsync($"/api/meetings/{meeting}/attendance")).Content.ReadAsStringAsync(),
            await (await _admin.GetAsync($"/api/meetings/{meeting}/deliveries?take=200")).Content.ReadAsStringAsync(),
            await (await _admin.GetAsync($"/api/audit?resourceType=meeting&resourceId={meeting}")).Content.ReadAsStringAsync(),
            await (await _admin.GetAsync($"/api/meetings/{meeting}/feedback")).Content.ReadAsStringAsync(),
        };
        var ids = new List<string> { meeting, invitation.Id() };
        foreach (var body in bodies)
        {
            ids.AddRange(Ids(JsonDocument.Parse(body).RootElement));
        }

        var tries = new List<HttpStatusCode>();
        foreach (var id in ids.Distinct().Take(15)) // the invitation and the meeting first; within the limit for unknown links
        {
            tries.Add((await _admin.GetAsync($"/api/rsvp/{id}/feedback")).StatusCode); // with the office's key: a key opens no one's feedback
        }

        Assert.All(bodies, body => Assert.DoesNotContain(link, body, StringComparison.Ordinal));
        Assert.All(tries, status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.True(tries.Count > 5);
        Assert.Contains(Secret, bodies[^1], StringComparison.Ordinal); // the summary has the comment — without a name
        Assert.DoesNotContain(invitation.GetProperty("recipient").Str("name"), bodies[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feedback_is_audited_on_the_meeting_with_the_day_only_and_no_invitation_or_person()
    {
        var (meeting, invitation, link) = await Attended();
        app.Clock.Advance(TimeSpan.FromMinutes(17).Add(TimeSpan.FromMilliseconds(345)));
        var day = new DateTimeOffset(app.Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        await (await Give(link, new { rating = 1 })).Json(HttpStatusCode.OK);
        await (await Give(link, new { rating = 2, comment = Secret })).Json(HttpStatusCode.OK);

        var audit = await (await _admin.GetAsync($"/api/audit?resourceType=meeting&resourceId={meeting}&take=200")).Json(HttpStatusCode.OK);

        var entries = audit.GetProperty("items").EnumerateArray().Where(e => e.Str("operation") == "GiveFeedback").ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.Equal(AuditFields, e.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(day, DateTimeOffset.Parse(e.Str("at"), System.Globalization.CultureInfo.InvariantCulture)); // midnight UTC of the day
            Assert.Equal(4, Guid.Parse(e.Id()).Version); // a random id: a time-ordered one (v7) would carry the instant
            Assert.Equal(("meeting", meeting, "updated"), (e.Str("resourceType"), e.Str("resourceId"), e.Str("change")));
            var actor = e.GetProperty("actor");
            Assert.Equal(["kind", "name"], actor.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(("token", "personal link"), (actor.Str("kind"), actor.Str("name")));
            Assert.DoesNotContain(invitation.Id(), e.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(link, e.GetRawText(), StringComparison.Ordinal);
        });
        Assert.DoesNotContain(Secret, audit.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pseudonym_secret_is_the_configured_one_and_without_one_a_random_one_never_a_constant()
    {
        var (meeting, invitation, link) = await Attended();
        await (await Give(link, new { rating = 3 })).Json(HttpStatusCode.OK);
        var meetingId = Guid.Parse(meeting);
        var stored = await app.Db(db => db.Feedback.AsNoTracking().Where(f => f.MeetingId == meetingId).Select(f => f.Pseudonym).SingleAsync());
        var warnings = new List<string>();

        var configured = Pseudonyms(warnings, ("Feedback:PseudonymSecret", SecretApp.PseudonymSecret), ("Auth:BootstrapAdminKey", "another-bootstrap-key"));
        var byBootstrap = Pseudonyms(warnings, ("Auth:BootstrapAdminKey", MeetingsApp.AdminKey));
        var without = Pseudonyms(warnings);
        var withoutAgain = Pseudonyms(warnings);

        var ids = (meetingId, Guid.Parse(invitation.Id()));
        Assert.Equal(stored, configured.Of(ids.Item1, ids.Item2)); // the configured secret, not the bootstrap key
        Assert.NotEqual(stored, byBootstrap.Of(ids.Item1, ids.Item2));
        Assert.False(configured.IsRandom);
        Assert.True(without.IsRandom);
        Assert.NotEqual(without.Of(ids.Item1, ids.Item2), withoutAgain.Of(ids.Item1, ids.Item2)); // random per process: nothing in the code to recompute it
        Assert.NotEqual(stored, without.Of(ids.Item1, ids.Item2));
        Assert.Equal(2, warnings.Count); // the two without a secret said so
        Assert.All(warnings, w => Assert.Contains("Feedback:PseudonymSecret", w, StringComparison.Ordinal));
    }

    private static FeedbackPseudonyms Pseudonyms(List<string> warnings, params (string Key, string Value)[] settings) => new(
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(),
        new Warnings(warnings));

    /// <summary>Every id-like string value of a JSON body.</summary>
    private static IEnumerable<string> Ids(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Ids(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Ids),
        JsonValueKind.String when Guid.TryParse(e.GetString(), out _) => [e.GetString()!],
        _ => [],
    };

    private sealed class Warnings(List<string> lines) : ILogger<FeedbackPseudonyms>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                lines.Add(formatter(state, exception));
            }
        }
    }

    /// <summary>The service with a feedback secret of its own (<c>Feedback:PseudonymSecret</c>) beside the bootstrap key.</summary>
    public sealed class SecretApp : MailingMeetingsApp
    {
        public const string PseudonymSecret = "feedback-secret-of-this-test-service-0123456789";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Feedback:PseudonymSecret", PseudonymSecret);
        }
    }
}
