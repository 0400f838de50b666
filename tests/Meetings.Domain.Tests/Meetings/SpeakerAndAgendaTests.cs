using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Meetings;

public sealed class SpeakerAndAgendaTests
{
    private static readonly DateTimeOffset InAMonth = Now.AddDays(30);
    private static readonly City Munich = City.Create("München", CityKind.Partner, "it@muenchen.example");

    private static SpeakerInput Talk(int minutes = 30) =>
        new("Dr. Anna Huber", "IT-Direktorin", "Landeshauptstadt München", "anna@muenchen.example", "E-Akte", null, minutes);

    [Fact]
    public void A_speaker_moves_from_proposed_to_confirmed_or_rejected_once()
    {
        var meeting = Published(Series(), InAMonth);
        var confirmed = Speaker.Register(meeting, Munich, Talk(), Now);
        var rejected = Speaker.Register(meeting, Munich, Talk(), Now);

        confirmed.Confirm(meeting, Now);
        rejected.Reject(meeting, "Programm voll", Now);

        Assert.Equal(SpeakerStatus.Confirmed, confirmed.Status);
        Assert.Equal(("Programm voll", SpeakerStatus.Rejected), (rejected.DecisionReason, rejected.Status));
        Assert.Throws<DomainException>(() => confirmed.Reject(meeting, "zu spät", Now));
        Assert.Throws<DomainException>(() => rejected.Confirm(meeting, Now));
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
    public void Withdrawing_tells_whether_the_speaker_had_been_confirmed()
    {
        var meeting = Published(Series(), InAMonth);
        var proposed = Speaker.Register(meeting, Munich, Talk(), Now);
        var confirmed = Speaker.Register(meeting, Munich, Talk(), Now);
        confirmed.Confirm(meeting, Now);

        Assert.False(proposed.Withdraw(meeting, Now));
        Assert.True(confirmed.Withdraw(meeting, Now));
        Assert.Throws<DomainException>(() => confirmed.Withdraw(meeting, Now));
    }

    [Fact]
    public void A_confirmed_speaker_is_invited_and_dropping_them_clears_agenda_and_invitation()
    {
        var meeting = Published(Series(), InAMonth);
        var speaker = Speaker.Register(meeting, Munich, Talk(), Now);
        speaker.Confirm(meeting, Now);

        var invitation = meeting.InviteSpeaker(speaker, Now);
        meeting.AddAgendaItem(new AgendaItemInput("E-Akte", null, 30, AgendaItemKind.Talk), new Presenter(PresenterKind.Speaker, speaker.Id, speaker.Name), null);
        meeting.AddAgendaItem(new AgendaItemInput("Diskussion", null, 30, AgendaItemKind.Discussion), null, null);
        meeting.DropSpeaker(speaker.Id, Now);

        Assert.NotNull(invitation);
        Assert.Equal(InvitationKind.Speaker, invitation.Kind);
        Assert.False(invitation.IsOpen);
        var left = Assert.Single(meeting.Agenda);
        Assert.Equal((1, "Diskussion"), (left.Position, left.Title));
    }

    [Fact]
    public void The_agenda_may_not_run_past_the_end()
    {
        var meeting = Draft(Series(), InAMonth); // 180 minutes
        meeting.AddAgendaItem(new AgendaItemInput("A", null, 170, AgendaItemKind.Talk), null, null);

        var error = Assert.Throws<DomainException>(() => meeting.AddAgendaItem(new AgendaItemInput("B", null, 25, AgendaItemKind.Talk), null, null));

        Assert.Contains("15 minutes past", error.Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => meeting.Reschedule(InAMonth, InAMonth.AddHours(1), null, Now, "admin"));
    }

    [Fact]
    public void Positions_stay_one_based_without_gaps()
    {
        var meeting = Draft(Series(), InAMonth);
        var a = meeting.AddAgendaItem(new AgendaItemInput("A", null, 10, AgendaItemKind.Talk), null, null);
        var b = meeting.AddAgendaItem(new AgendaItemInput("B", null, 10, AgendaItemKind.Talk), null, 1);
        var c = meeting.AddAgendaItem(new AgendaItemInput("C", null, 10, AgendaItemKind.Talk), null, 2);

        Assert.Equal(["B", "C", "A"], meeting.Agenda.Select(i => i.Title));
        meeting.RemoveAgendaItem(c.Id);
        Assert.Equal([1, 2], meeting.Agenda.Select(i => i.Position));
        meeting.ReorderAgenda([a.Id, b.Id]);
        Assert.Equal(["A", "B"], meeting.Agenda.Select(i => i.Title));
        Assert.Throws<DomainValidationException>(() => meeting.ReorderAgenda([a.Id]));
    }
}
