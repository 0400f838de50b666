using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Meetings;

public sealed class AgendaTests
{
    private static readonly DateTimeOffset InAMonth = Now.AddDays(30);

    private static AgendaItemInput Item(string title, int minutes) => new(title, null, minutes, AgendaItemKind.Talk);

    [Fact]
    public void The_agenda_may_not_run_past_the_end()
    {
        var meeting = Draft(Series(), InAMonth); // 180 minutes
        meeting.Agenda.Add(Item("A", 170), null, null);

        var error = Assert.Throws<DomainException>(() => meeting.Agenda.Add(Item("B", 25), null, null));

        Assert.Contains("15 minutes past", error.Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => meeting.Reschedule(InAMonth, InAMonth.AddHours(1), null, Now, "admin"));
        Assert.Equal((170, 10), (meeting.Agenda.TotalMinutes, meeting.Agenda.RemainingMinutes));
    }

    [Fact]
    public void Positions_stay_one_based_without_gaps()
    {
        var meeting = Draft(Series(), InAMonth);
        var a = meeting.Agenda.Add(Item("A", 10), null, null);
        var b = meeting.Agenda.Add(Item("B", 10), null, 1);
        var c = meeting.Agenda.Add(Item("C", 10), null, 2);

        Assert.Equal(["B", "C", "A"], meeting.Agenda.Items.Select(i => i.Title));
        meeting.Agenda.Remove(c.Id);
        Assert.Equal([1, 2], meeting.Agenda.Items.Select(i => i.Position));
        meeting.Agenda.Reorder([a.Id, b.Id]);
        Assert.Equal(["A", "B"], meeting.Agenda.Items.Select(i => i.Title));
        Assert.Throws<DomainValidationException>(() => meeting.Agenda.Reorder([a.Id]));
        Assert.Throws<DomainValidationException>(() => meeting.Agenda.Reorder([a.Id, a.Id]));
        Assert.Throws<DomainValidationException>(() => meeting.Agenda.Add(Item("D", 10), null, 4));
    }

    [Fact]
    public void Times_follow_from_the_start_and_move_with_a_reschedule()
    {
        var series = Series();
        var meeting = Published(series, InAMonth);
        meeting.Agenda.Add(Item("Begrüßung", 15), null, null);
        meeting.Agenda.Add(Item("E-Akte", 45), null, null);

        var before = meeting.Agenda.Schedule();
        meeting.Reschedule(InAMonth.AddDays(7), InAMonth.AddDays(7).AddHours(3), null, Now, "admin");
        var after = meeting.Agenda.Schedule();

        Assert.Equal([(InAMonth, InAMonth.AddMinutes(15)), (InAMonth.AddMinutes(15), InAMonth.AddMinutes(60))], before.Select(s => (s.StartsAt, s.EndsAt)));
        Assert.Equal(InAMonth.AddDays(7).AddMinutes(15), after[1].StartsAt);
    }

    [Fact]
    public void Growing_an_item_past_the_end_is_refused_and_changes_nothing_and_an_unknown_item_is_not_found()
    {
        var meeting = Draft(Series(), InAMonth);
        var item = meeting.Agenda.Add(Item("A", 100), null, null);
        meeting.Agenda.Add(Item("B", 60), null, null);

        Assert.Throws<DomainException>(() => meeting.Agenda.Replace(item.Id, Item("A", 130), null));
        Assert.Equal(100, item.DurationMinutes);
        meeting.Agenda.Replace(item.Id, Item("A2", 120), null);
        Assert.Equal(("A2", 120), (item.Title, item.DurationMinutes));
        Assert.Throws<NotFoundException>(() => meeting.Agenda.Remove(Guid.NewGuid()));
        Assert.Throws<NotFoundException>(() => meeting.Agenda.Replace(Guid.NewGuid(), Item("X", 1), null));
    }

    [Fact]
    public void The_agenda_of_a_cancelled_meeting_does_not_change()
    {
        var meeting = Published(Series(), InAMonth);
        meeting.Cancel(null, Now);

        Assert.Throws<DomainException>(() => meeting.Agenda.Add(Item("A", 10), null, null));
    }

    [Fact]
    public void Presenters_are_a_named_host_a_department_or_a_confirmed_speaker_of_this_very_meeting()
    {
        var meeting = Published(Series(), InAMonth);
        var otherMeeting = Published(Series(), InAMonth);
        var speaker = Speaker.Register(meeting, Munich, Talk(), Now);
        var stranger = Speaker.Register(otherMeeting, Munich, Talk(), Now);
        stranger.Confirm(otherMeeting, addToAgenda: false, position: null, Now);
        var department = Department("12");

        var proposedSpeaker = Assert.Throws<DomainValidationException>(() => Presenter.Of(speaker, meeting));
        speaker.Confirm(meeting, addToAgenda: false, position: null, Now);

        Assert.Contains("presenter.refId", proposedSpeaker.Errors.Keys);
        Assert.Equal((PresenterKind.Speaker, speaker.Id, speaker.Name), Parts(Presenter.Of(speaker, meeting)));
        Assert.Throws<DomainValidationException>(() => Presenter.Of(stranger, meeting));
        Assert.Equal((PresenterKind.Department, department.Id, department.Name), Parts(Presenter.Of(department)));
        Assert.Equal("Amt für Digitales", Presenter.Of(department, "Amt für Digitales").Name);
        Assert.Equal((PresenterKind.Host, null, "Dr. Maria Lindner"), Parts(Presenter.Host("Dr. Maria Lindner")));
        Assert.Contains("presenter.name", Assert.Throws<DomainValidationException>(() => Presenter.Host(" ")).Errors.Keys);
    }

    private static (PresenterKind, Guid?, string) Parts(Presenter p) => (p.Kind, p.RefId, p.Name);
}
