using Meetings.Api.Tests.Infrastructure;
using Meetings.Api.Tests.Mailbox;
using static Meetings.Api.Tests.Mailbox.MailboxSamples;

namespace Meetings.Api.Tests.ScaleOut;

/// <summary>Two instances on one PostgreSQL database reading the same office mailbox: each message acts once.</summary>
public sealed class SeveralMailboxReadersTests
{
    [DovecotFact]
    public async Task Two_instances_reading_one_mailbox_act_once_on_each_message()
    {
        using var database = TestDatabase.CreateNew();
        using var dovecot = new DovecotServer();
        using var a = new ReaderApp(database, dovecot);
        using var b = new ReaderApp(database, dovecot);
        await Task.WhenAll(Task.Run(() => a.Services), Task.Run(() => b.Services)); // both migrate and start their readers
        var admin = a.Admin();
        for (var n = 0; n < 4; n++)
        {
            await admin.CreateDepartment();
        }

        var meeting = await admin.CreatePublished(await admin.CreateSeries(), a.Clock.GetUtcNow().AddDays(30));
        var invitations = (await b.Admin().Invitations(meeting)).ToList();
        var messageIds = new List<string>();
        foreach (var invitation in invitations)
        {
            var messageId = $"{Guid.NewGuid():N}@outlook.example";
            messageIds.Add(messageId);
            await dovecot.AppendAsync(Fill("outlook-accept.eml", meeting, invitation.GetProperty("recipient").Str("email"), "ACCEPTED", messageId: messageId));
        }

        var until = DateTime.UtcNow.AddSeconds(30);
        while ((await dovecot.MessageIdsIn(MailboxApp.Processed)).Intersect(messageIds).Count() < messageIds.Count)
        {
            Assert.True(DateTime.UtcNow < until, $"not all moved within 30 s; A logged:{Environment.NewLine}{a.Log}{Environment.NewLine}B logged:{Environment.NewLine}{b.Log}");
            await Task.Delay(100);
        }

        var processed = await dovecot.MessageIdsIn(MailboxApp.Processed);
        Assert.All(messageIds, id => Assert.Single(processed, p => p == id));
        var answered = await admin.Invitations(meeting);
        Assert.All(answered, i =>
        {
            Assert.Equal("accepted", i.Str("status"));
            Assert.Single(i.GetProperty("history").EnumerateArray(), h => h.Str("via") == "calendar");
        });
    }

    private sealed class ReaderApp(TestDatabase database, DovecotServer dovecot) : MailboxApp(database, dovecot);
}
