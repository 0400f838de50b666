using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Mail;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Mail;

/// <summary>A ledger row's states (queued → sending → sent, failed, queued again; queued or sending → skipped) and its occasion.</summary>
public sealed class DeliveryTests
{
    private static Delivery Queued()
    {
        var meeting = Published(Series(), Now.AddDays(30));
        return Delivery.ForMeeting(meeting.Id, null, Person.Create("Julia Hoffmann", "julia@augsburg.example"), DeliveryKind.Invitation, Occasion.Invitation, Now, Now);
    }

    [Fact]
    public void A_claimed_row_is_sent_once_and_then_final()
    {
        var row = Queued();

        row.Claim(Guid.NewGuid(), Now.AddMinutes(5));
        row.MarkSent(Now);

        Assert.Equal((DeliveryStatus.Sent, 1, Now, (Guid?)null), (row.Status, row.Attempts, row.SentAt, row.ClaimToken));
        Assert.Throws<DomainException>(() => row.MarkSent(Now));
        Assert.Throws<DomainException>(() => row.Skip("late"));
        Assert.Throws<DomainException>(() => row.Claim(Guid.NewGuid(), Now));
    }

    [Fact]
    public void A_retry_queues_the_row_again_for_later_and_counts_the_attempt()
    {
        var row = Queued();
        row.Claim(Guid.NewGuid(), Now.AddMinutes(5));

        row.Retry("451 try again later", Now.AddSeconds(30));

        Assert.Equal((DeliveryStatus.Queued, 1, Now.AddSeconds(30), "451 try again later"), (row.Status, row.Attempts, row.DueAt, row.LastError));
        row.Claim(Guid.NewGuid(), Now.AddMinutes(6));
        row.Fail("550 mailbox unavailable");
        Assert.Equal((DeliveryStatus.Failed, 2), (row.Status, row.Attempts));
    }

    [Fact]
    public void Only_a_claimed_row_is_sent_retried_or_failed_and_only_an_open_one_skipped()
    {
        var row = Queued();

        Assert.Throws<DomainException>(() => row.MarkSent(Now));
        Assert.Throws<DomainException>(() => row.Retry("451", Now));
        Assert.Throws<DomainException>(() => row.Fail("550"));
        row.Skip("the meeting was cancelled");
        Assert.Equal((DeliveryStatus.Skipped, "the meeting was cancelled"), (row.Status, row.LastError));
        Assert.Throws<DomainException>(() => row.Skip("again"));
    }

    [Fact]
    public void Every_occasion_reads_back_from_its_key_as_the_same_typed_value()
    {
        var start = new DateTimeOffset(2026, 10, 8, 12, 0, 0, TimeSpan.Zero);
        Occasion[] occasions =
        [
            Occasion.Invitation, Occasion.Cancellation, Occasion.Withdrawal, Occasion.Update(12),
            Occasion.Reminder(TimeSpan.FromDays(7), start), Occasion.Reminder(TimeSpan.FromHours(2.5), start),
            Occasion.Nudge(TimeSpan.FromDays(2), start), Occasion.Speaker(Guid.NewGuid()),
            Occasion.Cadence(2027, CadenceStatus.AtRisk), Occasion.Cadence(2026, CadenceStatus.Missed), Occasion.Reissue(start),
            Occasion.LinkResent(Guid.NewGuid()),
        ];

        var keys = occasions.Select(o => o.Key).ToList();

        Assert.Equal(occasions, keys.Select(Occasion.FromKey));
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal("P7D@" + start.UtcTicks, occasions[4].Key); // the stored form of existing ledgers
        Assert.Equal(("seq-12", "2027-at-risk", $"invitation@{start.UtcTicks}"), (occasions[3].Key, occasions[8].Key, occasions[10].Key));
        Assert.Throws<FormatException>(() => Occasion.FromKey("someday"));
    }
}
