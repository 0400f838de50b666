using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Meetings;

public sealed class MeetingTests
{
    private static readonly DateTimeOffset InAMonth = Now.AddDays(30);

    [Fact]
    public void Publishing_invites_active_department_heads_and_every_host()
    {
        var series = Series();
        var active = Department("10");
        var inactive = Department("11");
        inactive.Deactivate(Now);
        var meeting = Draft(series, InAMonth);

        meeting.Publish(series, [active, inactive], [], Now);

        Assert.Equal(MeetingStatus.Published, meeting.Status);
        Assert.Equal(3, meeting.Invitations.Count);
        Assert.Single(meeting.Invitations, i => i.Kind == InvitationKind.Department && i.Recipient.Email == active.Head.Email);
        Assert.Equal(2, meeting.Invitations.Count(i => i.Kind == InvitationKind.Host));
        Assert.All(meeting.Invitations, i => Assert.Equal(AnswerStatus.Pending, i.Status));
    }

    [Fact]
    public void Personal_link_tokens_are_unguessable_and_url_safe()
    {
        var meeting = Published(Series(), InAMonth, Department("10"), Department("11"));

        var tokens = meeting.Invitations.Select(i => i.Token).ToList();

        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{43}$", t)); // 32 random bytes
    }

    [Fact]
    public void Publishing_twice_is_refused()
    {
        var series = Series();
        var meeting = Published(series, InAMonth);

        Assert.Throws<DomainException>(() => meeting.Publish(series, [], [], Now));
    }

    [Fact]
    public void A_meeting_whose_start_has_passed_cannot_be_published()
    {
        var series = Series();
        var meeting = Draft(series, Now.AddHours(1));

        var error = Assert.Throws<DomainException>(() => meeting.Publish(series, [], [], Now.AddHours(2)));

        Assert.Contains("start", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deadline_that_has_passed_blocks_publishing()
    {
        var series = Series();
        var meeting = Draft(series, InAMonth, answerDeadline: Now.AddDays(1));

        Assert.Throws<DomainException>(() => meeting.Publish(series, [], [], Now.AddDays(2)));
    }

    [Fact]
    public void A_deadline_after_the_start_is_a_field_error()
    {
        var error = Assert.Throws<DomainValidationException>(() => Draft(Series(), InAMonth, answerDeadline: InAMonth.AddHours(1)));

        Assert.Contains("rsvpDeadline", error.Errors.Keys);
    }

    [Fact]
    public void Rescheduling_raises_the_sequence_and_resets_answers_to_pending_with_history()
    {
        var meeting = Published(Series(), InAMonth, Department());
        var invitation = meeting.Invitations.First();

        meeting.Reschedule(InAMonth.AddDays(7), InAMonth.AddDays(7).AddHours(2), "Kollision", Now, "admin");

        Assert.Equal(1, meeting.Sequence);
        Assert.Equal(InAMonth.AddDays(7), meeting.StartsAt);
        Assert.Equal(AnswerStatus.Pending, invitation.Status);
    }

    [Fact]
    public void Rescheduling_a_draft_a_started_meeting_or_into_the_past_is_refused()
    {
        var series = Series();
        var draft = Draft(series, InAMonth);
        var started = Published(series, Now.AddHours(1));
        var published = Published(series, InAMonth);

        Assert.Throws<DomainException>(() => draft.Reschedule(InAMonth.AddDays(1), InAMonth.AddDays(1).AddHours(1), null, Now, "admin"));
        Assert.Throws<DomainException>(() => started.Reschedule(InAMonth, InAMonth.AddHours(1), null, Now.AddHours(2), "admin"));
        Assert.Throws<DomainException>(() => published.Reschedule(Now.AddHours(-1), Now.AddHours(1), null, Now, "admin"));
        Assert.Throws<DomainValidationException>(() => published.Reschedule(InAMonth.AddHours(2), InAMonth.AddHours(1), null, Now, "admin"));
        Assert.Equal(0, published.Sequence);
    }

    [Fact]
    public void Cancelling_a_published_meeting_raises_the_sequence_and_a_draft_does_not()
    {
        var series = Series();
        var published = Published(series, InAMonth);
        var draft = Draft(series, InAMonth);

        published.Cancel("Haushaltsklausur", Now);
        draft.Cancel(null, Now);

        Assert.Equal((MeetingStatus.Cancelled, 1), (published.Status, published.Sequence));
        Assert.Equal((MeetingStatus.Cancelled, 0), (draft.Status, draft.Sequence));
        Assert.Throws<DomainException>(() => published.Cancel(null, Now));
    }

    [Fact]
    public void Editing_the_title_of_a_published_meeting_is_visible_and_the_description_is_not()
    {
        var meeting = Published(Series(), InAMonth);
        var location = new LocationInput("Rathaus");

        meeting.ClearDomainEvents();

        meeting.Edit(new MeetingInput(meeting.Title, null, "Neu", null, null, null, location, null), Now);
        var afterDescription = (meeting.Sequence, meeting.DomainEvents.Count);
        meeting.Edit(new MeetingInput("Neuer Titel", null, "Neu", null, null, null, location, null), Now);

        Assert.Equal((0, 0), afterDescription);
        Assert.Equal(1, meeting.Sequence);
        Assert.IsType<MeetingChangedVisibly>(Assert.Single(meeting.DomainEvents));
    }

    [Fact]
    public void A_published_meeting_keeps_its_time_and_its_location()
    {
        var meeting = Published(Series(), InAMonth);

        Assert.Throws<DomainException>(() => meeting.Edit(new MeetingInput("X", null, null, InAMonth.AddDays(1), null, null, new LocationInput("Rathaus"), null), Now));
        var error = Assert.Throws<DomainValidationException>(() => meeting.Edit(new MeetingInput("X", null, null, null, null, null, null, null), Now));
        Assert.Contains("location", error.Errors.Keys);
    }

    [Fact]
    public void Completion_needs_a_started_meeting_and_records_attendance()
    {
        var meeting = Published(Series(), Now.AddHours(1), Department("10"), Department("11"));
        var attended = meeting.Invitations.First();

        Assert.Throws<DomainException>(() => meeting.Complete([attended.Id], Now));
        meeting.Complete([attended.Id], Now.AddHours(2));

        Assert.Equal(MeetingStatus.Completed, meeting.Status);
        Assert.True(attended.Attended);
        Assert.All(meeting.Invitations.Where(i => i != attended), i => Assert.False(i.Attended));
    }

    [Fact]
    public void A_late_department_is_invited_a_deactivated_one_withdrawn_and_a_new_head_takes_over()
    {
        var meeting = Published(Series(), InAMonth);
        var late = Department("20");

        meeting.SyncDepartment(late, Now, "admin");
        var invited = meeting.Invitations.Single(i => i.DepartmentId == late.Id);
        Assert.Equal(late.Head.Email, invited.Recipient.Email);

        late.Update("20", "Amt 20", new Domain.Directory.PersonInput("Neue Leitung", "neu@augsburg.example"), null);
        meeting.SyncDepartment(late, Now, "admin");
        Assert.Equal("neu@augsburg.example", invited.Recipient.Email);

        late.Deactivate(Now);
        meeting.SyncDepartment(late, Now, "admin");
        Assert.False(invited.IsOpen);

        late.Reactivate();
        meeting.SyncDepartment(late, Now, "admin");
        Assert.True(invited.IsOpen);
        Assert.Single(meeting.Invitations, i => i.DepartmentId == late.Id);
    }

    [Fact]
    public void Departments_do_not_change_invitations_of_meetings_that_started()
    {
        var department = Department("30");
        var meeting = Published(Series(), Now.AddHours(1), department);
        department.Deactivate(Now);

        meeting.ClearDomainEvents();

        meeting.SyncDepartment(department, Now.AddHours(2), "admin");

        Assert.Empty(meeting.DomainEvents);
        Assert.True(meeting.Invitations.Single(i => i.DepartmentId == department.Id).IsOpen);
    }

    [Fact]
    public void Instants_are_kept_in_utc()
    {
        var meeting = Draft(Series(), new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.FromHours(2)));

        Assert.Equal(TimeSpan.Zero, meeting.StartsAt.Offset);
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 23, 30, 0, TimeSpan.Zero), meeting.StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 3, 30, 0, TimeSpan.FromHours(1)), Zones.ToLocal(meeting.EndsAt, meeting.TimeZone));
    }

    [Fact]
    public void Drafts_are_the_office_s_own_and_every_other_state_is_visible_beyond_it()
    {
        var draft = Draft(Series(), InAMonth);
        var published = Published(Series(), InAMonth);
        var cancelled = Published(Series(), InAMonth);
        cancelled.Cancel(null, Now);
        var meetings = new[] { draft, published, cancelled }.AsQueryable();

        var visible = meetings.Where(Meeting.VisibleBeyondOffice).ToList();

        Assert.Equal([published, cancelled], visible);
        Assert.Equal([false, true, true], meetings.Select(m => m.IsVisibleBeyondOffice));
    }
}
