using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using static Meetings.Api.Tests.Mailbox.MailboxSamples;

namespace Meetings.Api.Tests.Mailbox;

/// <summary>
/// With <c>Mail:Inbox:TrustedAuthServId</c> set (SPEC), a calendar reply counts only with <c>dmarc=pass</c> in an
/// <c>Authentication-Results</c> header of that server: without it the reply changes nothing and goes to the office.
/// </summary>
public sealed class MailboxAuthenticationTests(TrustedAuthMailboxApp app) : IClassFixture<TrustedAuthMailboxApp>
{
    private readonly HttpClient _admin = app.Admin();

    [DovecotFact]
    public async Task A_reply_without_the_trusted_servers_dmarc_pass_changes_nothing_and_one_with_it_counts()
    {
        var departmentId = await _admin.CreateDepartment();
        var meeting = await _admin.CreatePublished(await _admin.CreateSeries(), MeetingsApp.Start.AddDays(30));
        var invitation = (await _admin.Invitations(meeting)).Single(i => i.TryGetProperty("departmentId", out var d) && d.GetString() == departmentId);
        var head = invitation.GetProperty("recipient").Str("email");
        var (unsigned, failed, passed) = ($"{Guid.NewGuid():N}@a.example", $"{Guid.NewGuid():N}@b.example", $"{Guid.NewGuid():N}@c.example");
        await Eventually(async () => (await app.Dovecot.Folders()).Contains(MailboxApp.Unrecognized) ? true : (bool?)null);

        await app.Dovecot.AppendAsync(Fill("outlook-accept.eml", meeting, head, "ACCEPTED", messageId: unsigned));
        await app.Dovecot.AppendAsync(WithAuthenticationResults(
            Fill("outlook-accept.eml", meeting, head, "ACCEPTED", messageId: failed), $"{TrustedAuthMailboxApp.ServId}; dmarc=fail header.from=augsburg.example"));
        await InFolder(MailboxApp.Unrecognized, unsigned);
        await InFolder(MailboxApp.Unrecognized, failed);
        Assert.Equal("pending", (await Invitation(meeting, invitation.Id())).Str("status"));

        await app.Dovecot.AppendAsync(WithAuthenticationResults(
            Fill("outlook-accept.eml", meeting, head, "ACCEPTED", messageId: passed), $"{TrustedAuthMailboxApp.ServId}; dmarc=pass header.from=augsburg.example"));
        await InFolder(MailboxApp.Processed, passed);
        Assert.Equal("accepted", (await Invitation(meeting, invitation.Id())).Str("status"));
    }

    private static string WithAuthenticationResults(string raw, string value) => $"Authentication-Results: {value}\n{raw}";

    private async Task<JsonElement> Invitation(string meeting, string invitation) =>
        (await _admin.Invitations(meeting)).Single(i => i.Id() == invitation);

    private async Task InFolder(string folder, string messageId) =>
        await Eventually(async () => (await app.Dovecot.MessageIdsIn(folder)).Contains(messageId) ? true : (bool?)null);

    private async Task Eventually(Func<Task<bool?>> probe, int seconds = 10)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (await probe() is null)
        {
            Assert.True(DateTime.UtcNow < until, $"not within {seconds} s; the reader logged:{Environment.NewLine}{app.Log}");
            await Task.Delay(50);
        }
    }
}

public sealed class TrustedAuthMailboxApp : MailboxApp
{
    public const string ServId = "mail.augsburg.example";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mail:Inbox:TrustedAuthServId", ServId);
    }
}
