using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Mail;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Meetings;

/// <summary>A sent mail that came back: <c>sent</c> → <c>bounced</c>, and nothing else bounces.</summary>
public sealed class DeliveryBounceTests
{
    private static Delivery Queued() =>
        Delivery.ForMeeting(Guid.NewGuid(), null, Person.Create("Julia Hoffmann", "julia@augsburg.example"), DeliveryKind.Invitation, Occasion.Invitation, Now, Now);

    [Fact]
    public void A_sent_row_bounces_once_with_the_diagnostic()
    {
        var row = Queued();
        row.Claim(Guid.NewGuid(), Now.AddMinutes(5));
        row.MarkSent(Now);

        Assert.True(row.Bounce("550 5.1.1 User unknown"));
        Assert.False(row.Bounce("550 5.1.1 again"));

        Assert.Equal((DeliveryStatus.Bounced, "550 5.1.1 User unknown"), (row.Status, row.LastError));
        Assert.Throws<DomainException>(() => row.Skip("late"));
    }

    [Fact]
    public void A_row_that_was_never_sent_cannot_bounce()
    {
        var queued = Queued();
        var failed = Queued();
        failed.Claim(Guid.NewGuid(), Now.AddMinutes(5));
        failed.Fail("550 rejected");

        Assert.Throws<DomainException>(() => queued.Bounce("5.1.1"));
        Assert.Throws<DomainException>(() => failed.Bounce("5.1.1"));
    }
}
