using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
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

        Assert.Equal(BounceOutcome.Bounced, row.Bounce("550 5.1.1 User unknown", Now));
        Assert.Equal(BounceOutcome.BouncedBefore, row.Bounce("550 5.1.1 again", Now));

        Assert.Equal((DeliveryStatus.Bounced, "550 5.1.1 User unknown"), (row.Status, row.LastError));
        Assert.Throws<DomainException>(() => row.Skip("late"));
    }

    [Fact]
    public void A_diagnostic_is_kept_on_one_line_without_control_characters()
    {
        var row = Queued();
        row.Claim(Guid.NewGuid(), Now.AddMinutes(5));
        row.MarkSent(Now);

        row.Bounce("550 5.1.1 A\0B\r\nC", Now);

        Assert.Equal("550 5.1.1 A B  C", row.LastError);
    }

    [Fact]
    public void A_row_that_was_never_sent_cannot_bounce()
    {
        var queued = Queued();
        var failed = Queued();
        failed.Claim(Guid.NewGuid(), Now.AddMinutes(5));
        failed.Fail("550 rejected");

        Assert.Equal(BounceOutcome.NotSent, queued.Bounce("5.1.1", Now)); // the outcome says so; the row is unchanged
        Assert.Equal(BounceOutcome.NotSent, failed.Bounce("5.1.1", Now));
        Assert.Equal((DeliveryStatus.Queued, null), (queued.Status, queued.LastError));
        Assert.Equal((DeliveryStatus.Failed, "550 rejected"), (failed.Status, failed.LastError));
        Assert.Empty(queued.DomainEvents.OfType<DeliveryBounced>().Concat(failed.DomainEvents.OfType<DeliveryBounced>()));
    }

    [Fact]
    public void A_bounce_plans_one_alert_to_the_organizer_per_meeting_and_hour()
    {
        var organizer = Person.Create("Direktorium", "direktorium@augsburg.example");
        var (first, second) = (Queued(), Queued());
        foreach (var row in new[] { first, second })
        {
            row.Claim(Guid.NewGuid(), Now.AddMinutes(5));
            row.MarkSent(Now);
        }

        var hour = new DateTimeOffset(Now.UtcTicks - (Now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddHours(1);
        first.Bounce("550 5.1.1", hour.AddMinutes(3));
        second.Bounce("550 5.1.1", hour.AddMinutes(59));
        var plan = new BounceAlertMail();
        var planned = first.DomainEvents.Concat(second.DomainEvents).OfType<DeliveryBounced>()
            .SelectMany(e => plan.Plan(e, new MailParties(null, organizer))).ToList();

        Assert.Equal(2, planned.Count);
        Assert.All(planned, r => Assert.Equal((DeliveryKind.BounceAlert, "direktorium@augsburg.example"), (r.Kind, r.RecipientEmail)));
        Assert.Equal(planned[0].Occasion, planned[1].Occasion); // the same meeting would hold one: the ledger's key
        Assert.Equal((first.Scope, second.Scope), (planned[0].Scope, planned[1].Scope));
        Assert.NotEqual(planned[0].Occasion, Occasion.BounceHour(hour.AddHours(1)));
        Assert.Equal(planned[0].Occasion, Occasion.FromKey(planned[0].Occasion.Key));
        Assert.All(planned, r => Assert.Equal(hour.AddHours(1), r.DueAt)); // due when the hour is over: one alert lists the hour's bounces
        Assert.Matches("^bounced@[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}Z$", planned[0].Occasion.Key);
        Assert.Empty(plan.Plan(new DeliveryBounced(planned[0], Now), new MailParties(null, organizer)));
    }
}
