using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Meetings;

/// <summary>
/// Plan time of the meeting folder's mail plans (<see cref="InvitationMail"/>, <see cref="SpeakerMail"/>): which mails an
/// event makes due, and which queued ones it makes obsolete, asked through <see cref="MailPlans"/>.
/// </summary>
public sealed class MeetingMailPlanTests
{
    private static readonly DateTimeOffset InAMonth = Now.AddDays(30);

    private static List<Delivery> Plan(AggregateRoot source, MailParties? parties = null)
    {
        var rows = source.DomainEvents.SelectMany(e => MailPlans.Plan(e, parties ?? MailParties.None)).ToList();
        source.ClearDomainEvents();
        return rows;
    }

    private static string? Supersedes(AggregateRoot source, Delivery queued) =>
        source.DomainEvents.Select(e => MailPlans.Supersedes(e, queued)).FirstOrDefault(r => r is not null);

    [Fact]
    public void Publishing_plans_an_invitation_and_the_reminders_for_every_invitee()
    {
        var series = Series();
        var meeting = Draft(series, InAMonth, answerDeadline: Now.AddDays(20));
        meeting.Publish(series, [Department("10"), Department("11")], [], Now);

        var rows = Plan(meeting);

        Assert.Equal(4, meeting.Invitations.Count); // two heads, two hosts
        foreach (var invitation in meeting.Invitations)
        {
            var mine = rows.Where(r => r.InvitationId == invitation.Id).ToList();
            Assert.Equal([DeliveryKind.Invitation, DeliveryKind.Reminder, DeliveryKind.Reminder, DeliveryKind.RsvpNudge], mine.Select(r => r.Kind));
            Assert.All(mine, r => Assert.Equal(invitation.Recipient.Email, r.RecipientEmail));
        }

        var head = rows.Where(r => r.InvitationId == meeting.Invitations.First().Id).ToList();
        Assert.Equal(Now, head[0].DueAt);
        Assert.Equal([InAMonth.AddDays(-7), InAMonth.AddDays(-1)], head.Where(r => r.Kind == DeliveryKind.Reminder).Select(r => r.DueAt));
        Assert.Equal(Now.AddDays(18), head.Single(r => r.Kind == DeliveryKind.RsvpNudge).DueAt);
        Assert.Equal(rows.Count, rows.Select(r => r.Key).Distinct().Count());
    }

    [Fact]
    public void A_reminder_whose_time_has_passed_when_planned_is_skipped_not_sent_late()
    {
        var meeting = Published(Series(), Now.AddDays(3), Department("10"));

        var reminders = Plan(meeting).Where(r => r.Kind == DeliveryKind.Reminder).ToList();

        Assert.Equal(meeting.Invitations.Count * 2, reminders.Count);
        Assert.All(reminders.Where(r => r.DueAt == Now.AddDays(-4)), r => Assert.Equal((DeliveryStatus.Skipped, "its time had passed when it was planned"), (r.Status, r.LastError)));
        Assert.All(reminders.Where(r => r.DueAt == Now.AddDays(2)), r => Assert.Equal(DeliveryStatus.Queued, r.Status));
    }

    [Fact]
    public void Rescheduling_sends_updates_with_the_new_sequence_plans_new_reminders_and_supersedes_the_old_ones()
    {
        var meeting = Published(Series(), InAMonth, Department("10"));
        var old = Plan(meeting).Where(r => r.Kind == DeliveryKind.Reminder).ToList();
        var description = Plan(meeting);

        meeting.Reschedule(InAMonth.AddDays(7), InAMonth.AddDays(7).AddHours(2), "Kollision", Now, "office");
        var superseded = old.Select(r => Supersedes(meeting, r)).ToList();
        var rows = Plan(meeting);

        Assert.Empty(description);
        Assert.All(superseded, reason => Assert.Equal("the meeting was rescheduled", reason));
        Assert.All(rows.Where(r => r.Kind == DeliveryKind.Update), r => Assert.Equal(Occasion.Update(1), r.Occasion));
        Assert.Equal(meeting.Invitations.Count, rows.Count(r => r.Kind == DeliveryKind.Update));
        Assert.All(rows.Where(r => r.Kind == DeliveryKind.Reminder), r => Assert.True(InvitationMail.IsCurrent(meeting, r)));
        Assert.All(old, r => Assert.False(InvitationMail.IsCurrent(meeting, r)));
    }

    [Fact]
    public void Cancelling_plans_cancellations_and_supersedes_everything_else_still_queued()
    {
        var meeting = Published(Series(), InAMonth, Department("10"));
        var planned = Plan(meeting);

        meeting.Cancel("Haushaltsklausur", Now);

        Assert.All(planned, r => Assert.Equal("the meeting was cancelled", Supersedes(meeting, r)));
        var rows = Plan(meeting);
        Assert.All(rows, r => Assert.Equal((DeliveryKind.Cancellation, Occasion.Cancellation), (r.Kind, r.Occasion)));
        Assert.Equal(meeting.Invitations.Count, rows.Count);
    }

    [Fact]
    public void A_cancellation_ends_the_queued_reminders_but_not_a_queued_bounce_alert_to_the_organizer()
    {
        var meeting = Published(Series(), InAMonth, Department("10"));
        var reminder = Plan(meeting).First(r => r.Kind == DeliveryKind.Reminder);
        var organizer = Person.Create("Olga Organisatorin", "olga@augsburg.example");
        var bounceAlert = Delivery.ForMeeting(meeting.Id, null, organizer, DeliveryKind.BounceAlert, Occasion.BounceHour(Now), Now, Now);

        meeting.Cancel("Haushaltsklausur", Now);

        var cancelled = Assert.Single(meeting.DomainEvents.OfType<MeetingCancelled>());
        var reach = Assert.Single(MailPlans.Reaches(cancelled));
        Assert.True(reach.Covers(reminder));
        Assert.False(reach.Covers(bounceAlert));
        Assert.Equal("the meeting was cancelled", Supersedes(meeting, reminder));
        Assert.Null(Supersedes(meeting, bounceAlert));
        Assert.DoesNotContain(DeliveryKind.BounceAlert, MailPlans.EndedByCancellation);
        Assert.DoesNotContain(DeliveryKind.Cancellation, MailPlans.EndedByCancellation);
    }

    [Fact]
    public void A_delegation_invites_the_delegate_and_supersedes_the_head_s_reminders_only()
    {
        var meeting = Published(Series(), InAMonth, Department("10"));
        var planned = Plan(meeting);
        var invitation = meeting.Invitations.Single(i => i.Kind == InvitationKind.Department);

        invitation.Answer(meeting, new AnswerInput(AnswerStatus.Delegated, new PersonInput("Vera", "vera@augsburg.example"), null), AnswerChannel.Token, "link", Now, Recipients);

        var headsTimed = planned.Where(r => r.InvitationId == invitation.Id && r.IsTimed).ToList();
        Assert.All(headsTimed, r => Assert.Equal("the invitee delegated", Supersedes(invitation, r)));
        Assert.Null(Supersedes(invitation, planned.Single(r => r.InvitationId == invitation.Id && r.Kind == DeliveryKind.Invitation)));
        Assert.All(planned.Where(r => r.InvitationId != invitation.Id), r => Assert.Null(Supersedes(invitation, r)));
        var rows = Plan(invitation);
        Assert.All(rows, r => Assert.Equal("vera@augsburg.example", r.RecipientEmail));
        Assert.Equal([DeliveryKind.Invitation, DeliveryKind.Reminder, DeliveryKind.Reminder], rows.Select(r => r.Kind));
    }

    [Fact]
    public void An_event_reaches_only_the_queued_rows_it_can_make_obsolete_and_supersedes_nothing_beyond()
    {
        var meeting = Published(Series(), InAMonth, Department("10"), Department("11"));
        var planned = Plan(meeting);
        var invitation = meeting.Invitations.First(i => i.Kind == InvitationKind.Department);
        var sent = planned.First(r => r.InvitationId == invitation.Id && r.Kind == DeliveryKind.Reminder);
        sent.Claim(Guid.NewGuid(), Now.AddSeconds(30));
        sent.MarkSent(Now);

        invitation.Answer(meeting, new AnswerInput(AnswerStatus.Delegated, new PersonInput("Vera", "vera@augsburg.example"), null), AnswerChannel.Token, "link", Now, Recipients);
        meeting.Cancel("Haushaltsklausur", Now);
        var delegated = Assert.Single(invitation.DomainEvents.OfType<InvitationDelegated>());
        var cancelled = Assert.Single(meeting.DomainEvents.OfType<MeetingCancelled>());

        var ofInvitation = MailPlans.Reaches(delegated).SingleOrDefault()!;
        Assert.Equal((null, invitation.Id), (ofInvitation.MeetingId, ofInvitation.InvitationId));
        Assert.All(planned, r => Assert.Equal(r.InvitationId == invitation.Id && r.IsTimed && r != sent, ofInvitation.Covers(r)));
        var ofMeeting = MailPlans.Reaches(cancelled).SingleOrDefault()!;
        Assert.Equal((meeting.Id, null), (ofMeeting.MeetingId, ofMeeting.InvitationId));
        Assert.All(planned, r => Assert.Equal(r != sent, ofMeeting.Covers(r)));
        foreach (var e in meeting.DomainEvents.Concat(invitation.DomainEvents))
        {
            Assert.All(planned.Where(r => MailPlans.Reaches(e).SingleOrDefault()?.Covers(r) != true), r => Assert.Null(MailPlans.Supersedes(e, r)));
        }

        Assert.Empty(MailPlans.Reaches(new MeetingPublished(meeting, Now))); // a publish makes nothing obsolete
    }

    [Fact]
    public void A_new_reminder_plan_replaces_the_queued_reminders_of_a_published_meeting_only()
    {
        var draft = Draft(Series(), InAMonth);
        var meeting = Published(Series(), InAMonth, Department("10"));
        var planned = Plan(meeting);

        draft.SetReminders(ReminderPlan.Parse(["PT2H"], null), Now);
        meeting.SetReminders(ReminderPlan.Parse(["P1D", "PT2H"], null), Now);

        Assert.Empty(Plan(draft));
        var p7d = planned.Where(r => r.Kind == DeliveryKind.Reminder && r.DueAt == InAMonth.AddDays(-7)).ToList();
        Assert.All(p7d, r => Assert.Equal("the reminder plan changed", Supersedes(meeting, r)));
        Assert.All(planned.Where(r => r.Kind == DeliveryKind.Reminder && r.DueAt == InAMonth.AddDays(-1)), r => Assert.Null(Supersedes(meeting, r)));
        Assert.Contains(Plan(meeting), r => r.DueAt == InAMonth.AddHours(-2));
    }

    [Fact]
    public void Speaker_decisions_go_to_the_speaker_and_the_city_contact_and_a_withdrawal_to_the_organizer()
    {
        var meeting = Published(Series(), InAMonth);
        var parties = new MailParties(Person.Create("München", "it@muenchen.example"), Person.Create("Direktorium", "direktorium@augsburg.example"));
        var speaker = Speaker.Register(meeting, Munich, Talk(), Now);

        speaker.Confirm(meeting, addToAgenda: false, position: null, Now);
        var confirmed = Plan(speaker, parties);
        speaker.Withdraw(meeting, Now);
        var withdrawn = Plan(speaker, parties);

        Assert.Equal(["anna@muenchen.example", "it@muenchen.example"], confirmed.Select(r => r.RecipientEmail));
        Assert.All(confirmed, r => Assert.Equal((DeliveryKind.SpeakerConfirmed, Occasion.Speaker(speaker.Id)), (r.Kind, r.Occasion)));
        Assert.Equal(("direktorium@augsburg.example", DeliveryKind.SpeakerWithdrawn), (Assert.Single(withdrawn).RecipientEmail, withdrawn[0].Kind));
    }

    [Fact]
    public void A_withdrawn_invitation_gets_a_withdrawal_and_nothing_else_of_it_stays_queued()
    {
        var department = Department("10");
        var meeting = Published(Series(), InAMonth, department);
        var planned = Plan(meeting);
        var invitation = meeting.Invitations.Single(i => i.DepartmentId == department.Id);

        department.Deactivate(Now);
        meeting.SyncDepartment(department, Now, "office");

        Assert.All(planned.Where(r => r.InvitationId == invitation.Id), r => Assert.Equal("the invitation was withdrawn", Supersedes(meeting, r)));
        var row = Assert.Single(Plan(meeting));
        Assert.Equal((DeliveryKind.Cancellation, Occasion.Withdrawal, invitation.Id), (row.Kind, row.Occasion, row.InvitationId));
    }
}
