using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Domain.Meetings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Meetings.Api.Tests.Answers;

/// <summary>Many integrations answering at once: nothing lost, nothing surfaces as a 5xx.</summary>
public sealed class ConcurrentAnswersTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task Two_hundred_concurrent_answers_on_one_meeting_are_all_kept()
    {
        for (var batch = 0; batch < 25; batch++)
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _admin.CreateDepartment()));
        }

        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(30));
        var invitations = (await _admin.Invitations(meeting)).Where(i => i.Str("kind") == "department").Take(200).ToList();
        Assert.Equal(200, invitations.Count);
        var statuses = new[] { "accepted", "declined", "tentative" };

        var responses = await Task.WhenAll(invitations.Select((invitation, n) =>
            _admin.Answer(meeting, invitation.Id(), new { status = statuses[n % 3] })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stored = (await _admin.Invitations(meeting)).ToDictionary(i => i.Id());
        for (var n = 0; n < invitations.Count; n++)
        {
            Assert.Equal(statuses[n % 3], stored[invitations[n].Id()].Str("status"));
        }
    }

    [Fact]
    public async Task Concurrent_answers_to_one_invitation_all_succeed_and_each_change_is_in_the_history()
    {
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(31));
        var invitation = (await _admin.Invitations(meeting)).First(i => i.Str("kind") == "host");
        var statuses = Enumerable.Range(0, 40).Select(n => n % 2 == 0 ? "accepted" : "declined").ToArray();

        var responses = await Task.WhenAll(statuses.Select(s => _admin.Answer(meeting, invitation.Id(), new { status = s })));

        for (var n = 0; n < responses.Length; n++)
        {
            // each caller sees the answer it gave, even where later answers of the same commit changed it again
            Assert.Equal(statuses[n], (await responses[n].Json(HttpStatusCode.OK)).Str("status"));
        }

        var stored = (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation.Id());
        var history = stored.GetProperty("history").EnumerateArray().Select(h => h.Str("status")).ToList();
        Assert.InRange(history.Count, 1, 40);
        Assert.Equal(history[^1], stored.Str("status"));
        Assert.All(history.Zip(history.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second)); // only real changes recorded
    }

    [Fact]
    public async Task Refused_answers_among_concurrent_ones_fail_alone()
    {
        for (var batch = 0; batch < 5; batch++) // its own departments: the class's tests run in no fixed order
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _admin.CreateDepartment()));
        }

        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(32));
        var invitations = (await _admin.Invitations(meeting)).Where(i => i.Str("kind") == "department").Take(40).ToList();
        Assert.Equal(40, invitations.Count);

        var responses = await Task.WhenAll(invitations.Select((invitation, n) => n % 2 == 0
            ? _admin.Answer(meeting, invitation.Id(), new { status = "accepted" })
            : _admin.Answer(meeting, invitation.Id(), new { status = "delegated" }))); // no delegate: 400

        for (var n = 0; n < responses.Length; n++)
        {
            Assert.Equal(n % 2 == 0 ? HttpStatusCode.OK : HttpStatusCode.BadRequest, responses[n].StatusCode);
        }

        var stored = (await _admin.Invitations(meeting)).ToDictionary(i => i.Id());
        for (var n = 0; n < invitations.Count; n++)
        {
            Assert.Equal(n % 2 == 0 ? "accepted" : "pending", stored[invitations[n].Id()].Str("status"));
        }
    }
}

/// <summary>A commit that fails for one answer's sake (the database refuses what it brought along) fails that answer alone.</summary>
public sealed class FailedCommitTests(FailedCommitTests.App app) : IClassFixture<FailedCommitTests.App>
{
    public const string Poison = "the database refuses this one";

    [Fact]
    public async Task A_commit_refused_for_one_answer_fails_that_answer_alone_and_stores_the_others()
    {
        var admin = app.Admin();
        for (var n = 0; n < 3; n++)
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => admin.CreateDepartment()));
        }

        var meeting = await admin.CreatePublished(await admin.CreateSeries(), MeetingsApp.Start.AddDays(30));
        var invitations = (await admin.Invitations(meeting)).Where(i => i.Str("kind") == "department").Take(24).ToList();

        var responses = await Task.WhenAll(invitations.Select((invitation, n) =>
            admin.Answer(meeting, invitation.Id(), new { status = "accepted", comment = n == 7 ? Poison : "gern" })));

        Assert.Equal(HttpStatusCode.InternalServerError, responses[7].StatusCode);
        Assert.All(responses.Where((_, n) => n != 7), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stored = (await admin.Invitations(meeting)).ToDictionary(i => i.Id());
        Assert.Equal("pending", stored[invitations[7].Id()].Str("status"));
        Assert.All(invitations.Where((_, n) => n != 7), i => Assert.Equal("accepted", stored[i.Id()].Str("status")));
    }

    /// <summary>The service with a database that refuses to store an answer carrying <see cref="Poison"/>.</summary>
    public sealed class App : MeetingsApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IInterceptor, RefusingInterceptor>());
        }
    }

    private sealed class RefusingInterceptor : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            eventData.Context!.ChangeTracker.Entries<Invitation>().Any(e => e.Entity.Comment == Poison)
                ? throw new DbUpdateException("The database refused the answer (test).")
                : base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
