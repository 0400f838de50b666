using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Meetings;

public sealed class SpeakerTests
{
    private static readonly DateTimeOffset InAMonth = Now.AddDays(30);

    [Fact]
    public void A_speaker_moves_from_proposed_to_confirmed_or_rejected_once()
    {
        var meeting = Published(Series(), InAMonth);
        var confirmed = Speaker.Register(meeting, Munich, Talk(), Now);
        var rejected = Speaker.Register(meeting, Munich, Talk(), Now);

        confirmed.Confirm(meeting, addToAgenda: false, position: null, Now);
        rejected.Reject(meeting, "Programm voll", Now);

        Assert.Equal(SpeakerStatus.Confirmed, confirmed.Status);
        Assert.Equal(("Programm voll", SpeakerStatus.Rejected), (rejected.DecisionReason, rejected.Status));
        Assert.Throws<DomainException>(() => confirmed.Reject(meeting, "zu spät", Now));
        Assert.Throws<DomainException>(() => rejected.Confirm(meeting, addToAgenda: false, position: null, Now));
        Assert.Throws<DomainException>(() => confirmed.Edit(meeting, Talk(10), Now));
    }

    [Fact]
    public void Only_partner_cities_send_speakers_and_only_to_meetings_ahead()
    {
        var host = City.Create("Augsburg", CityKind.Host, "ob@augsburg.example");
        var cancelled = Published(Series(), InAMonth);
        cancelled.Cancel(null, Now);

        Assert.Contains("cityId", Assert.Throws<DomainValidationException>(() => Speaker.Register(Published(Series(), InAMonth), host, Talk(), Now)).Errors.Keys);
        Assert.Throws<DomainException>(() => Speaker.Register(cancelled, Munich, Talk(), Now));
        Assert.Throws<DomainException>(() => Speaker.Register(Published(Series(), Now.AddHours(1)), Munich, Talk(), Now.AddHours(2)));
    }

    [Fact]
    public void Confirming_invites_the_speaker_and_puts_the_talk_on_the_agenda_with_the_requested_minutes()
    {
        var meeting = Published(Series(), InAMonth);
        var speaker = Speaker.Register(meeting, Munich, Talk(45), Now);

        speaker.Confirm(meeting, addToAgenda: true, position: null, Now);

        var invitation = Assert.Single(meeting.Invitations, i => i.Kind == InvitationKind.Speaker);
        Assert.Equal((speaker.Id, speaker.Email), (invitation.SpeakerId, invitation.Recipient.Email));
        var talk = Assert.Single(meeting.Agenda.Items);
        Assert.Equal(("E-Akte", 45, AgendaItemKind.Talk), (talk.Title, talk.DurationMinutes, talk.Kind));
        Assert.True(talk.Presenter!.Is(speaker));
        Assert.Contains(speaker.DomainEvents, e => e is SpeakerConfirmed);
        Assert.Contains(meeting.DomainEvents, e => e is InvitationOpened);
    }

    [Fact]
    public void A_speaker_confirmed_for_a_draft_is_invited_only_when_it_is_published()
    {
        var series = Series();
        var meeting = Draft(series, InAMonth);
        var speaker = Speaker.Register(meeting, Munich, Talk(), Now);

        speaker.Confirm(meeting, addToAgenda: false, position: null, Now);
        var beforePublishing = meeting.Invitations.Count;
        meeting.Publish(series, [], [speaker], Now);

        Assert.Equal(0, beforePublishing);
        Assert.Single(meeting.Invitations, i => i.SpeakerId == speaker.Id);
    }

    [Fact]
    public void A_talk_that_does_not_fit_refuses_the_confirmation()
    {
        var meeting = Published(Series(), InAMonth); // 180 minutes
        meeting.Agenda.Add(new AgendaItemInput("Haushalt", null, 170, AgendaItemKind.Discussion), null, null);
        var speaker = Speaker.Register(meeting, Munich, Talk(30), Now);

        var error = Assert.Throws<DomainException>(() => speaker.Confirm(meeting, addToAgenda: true, position: null, Now));

        Assert.Contains("20 minutes past", error.Message, StringComparison.Ordinal);
        Assert.Single(meeting.Agenda.Items);
        Assert.DoesNotContain(meeting.Invitations, i => i.SpeakerId == speaker.Id);
    }

    [Fact]
    public void Withdrawing_a_confirmed_speaker_clears_the_talks_and_the_invitation_and_tells_the_organizer()
    {
        var meeting = Published(Series(), InAMonth);
        var proposed = Speaker.Register(meeting, Munich, Talk(), Now);
        var confirmed = Speaker.Register(meeting, Munich, Talk(), Now);
        confirmed.Confirm(meeting, addToAgenda: true, position: null, Now);
        meeting.Agenda.Add(new AgendaItemInput("Diskussion", null, 30, AgendaItemKind.Discussion), null, null);

        proposed.Withdraw(meeting, Now);
        confirmed.Withdraw(meeting, Now);

        Assert.DoesNotContain(proposed.DomainEvents, e => e is SpeakerWithdrawn);
        Assert.Contains(confirmed.DomainEvents, e => e is SpeakerWithdrawn);
        Assert.False(meeting.Invitations.Single(i => i.SpeakerId == confirmed.Id).IsOpen);
        var left = Assert.Single(meeting.Agenda.Items);
        Assert.Equal((1, "Diskussion"), (left.Position, left.Title));
        Assert.Throws<DomainException>(() => confirmed.Withdraw(meeting, Now));
    }

    [Fact]
    public void The_same_email_may_not_be_proposed_twice_while_active_and_a_partner_sees_only_its_own_city()
    {
        var meeting = Published(Series(), InAMonth);
        var first = Speaker.Register(meeting, Munich, Talk(), Now);
        var second = Speaker.Register(meeting, Munich, Talk(), Now);
        var regensburg = City.Create("Regensburg", CityKind.Partner, "info@regensburg.example");
        var other = Speaker.Register(meeting, regensburg, Talk() with { Email = "someone@regensburg.example" }, Now);
        var speakers = new[] { first, second, other };

        var duplicates = speakers.AsQueryable().Where(second.SameActiveProposal()).ToList();
        first.Withdraw(meeting, Now);
        var afterWithdrawal = speakers.AsQueryable().Where(second.SameActiveProposal()).ToList();

        Assert.Equal([first], duplicates);
        Assert.Empty(afterWithdrawal);
        Assert.Equal([other], speakers.AsQueryable().Where(Speaker.OfCity(regensburg.Id)).ToList());
    }

    [Fact]
    public void The_same_person_twice_is_refused_only_within_one_citys_proposals()
    {
        var meeting = Published(Series(), InAMonth);
        var regensburg = City.Create("Regensburg", CityKind.Partner, "it@regensburg.example");
        var first = Speaker.Register(meeting, Munich, Talk(), Now);
        var again = Speaker.Register(meeting, Munich, Talk(), Now);
        var otherCity = Speaker.Register(meeting, regensburg, Talk(), Now);

        Assert.True(again.SameActiveProposal().Compile()(first));
        Assert.False(otherCity.SameActiveProposal().Compile()(first));
        first.Withdraw(meeting, Now);
        Assert.False(again.SameActiveProposal().Compile()(first));
    }
}
