using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Feedback;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Feedback;

public sealed class FeedbackTests
{
    private static readonly DateTimeOffset Start = Now.AddDays(30);

    /// <summary>Three hours long (the series' default): it ends at <c>Start + 3 h</c>.</summary>
    private static readonly DateTimeOffset End = Start.AddHours(3);

    private static readonly DateTimeOffset AfterIt = End.AddHours(1);

    private sealed record Arranged(Meeting Meeting, AgendaItem Talk, AgendaItem OtherTalk, AgendaItem Discussion);

    /// <summary>A published meeting of two departments with two talks and a discussion; completed unless said otherwise, the first two department invitations attended.</summary>
    private static Arranged Meeting(bool complete = true, Func<Meeting, IEnumerable<Invitation>>? attended = null)
    {
        var series = Series();
        var meeting = Published(series, Start, Department("10"), Department("20"), Department("30"));
        var talk = meeting.Agenda.Add(new AgendaItemInput("E-Akte in München", null, 30, AgendaItemKind.Talk), null, null);
        var other = meeting.Agenda.Add(new AgendaItemInput("Digitale Roadmap", null, 30, AgendaItemKind.Talk), null, null);
        var discussion = meeting.Agenda.Add(new AgendaItemInput("Aussprache", null, 30, AgendaItemKind.Discussion), null, null);
        if (complete)
        {
            var who = (attended ?? (m => m.Invitations.Where(i => i.Kind == InvitationKind.Department).Take(2)))(meeting);
            meeting.Complete(who.Select(i => i.Id).ToList(), AfterIt);
        }

        return new Arranged(meeting, talk, other, discussion);
    }

    private static FeedbackInput Stars(int? rating, params (Guid Id, int? Rating)[] talks) =>
        new(rating, talks.Select(t => new TalkRatingInput(t.Id, t.Rating)).ToList(), null);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5)]
    public void A_rating_from_0_to_5_stars_is_taken(int stars)
    {
        var a = Meeting();

        var entry = FeedbackEntry.Give(a.Meeting, "p", Stars(stars, (a.Talk.Id, stars)), AfterIt);

        Assert.Equal(stars, entry.Rating);
        Assert.Equal([new TalkRating(a.Talk.Id, stars)], entry.Talks);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(6)]
    [InlineData(int.MaxValue)]
    public void A_rating_outside_0_to_5_is_refused_naming_the_field(int stars)
    {
        var a = Meeting();

        var meeting = Assert.Throws<DomainValidationException>(() => FeedbackEntry.Give(a.Meeting, "p", Stars(stars), AfterIt));
        var talk = Assert.Throws<DomainValidationException>(() => FeedbackEntry.Give(a.Meeting, "p", Stars(4, (a.Talk.Id, stars)), AfterIt));

        Assert.Contains("rating", meeting.Errors.Keys);
        Assert.Contains("items[0].rating", talk.Errors.Keys);
    }

    [Fact]
    public void The_meeting_rating_is_required_and_a_talk_rating_needs_its_talk_and_stars()
    {
        var a = Meeting();

        var error = Assert.Throws<DomainValidationException>(() =>
            FeedbackEntry.Give(a.Meeting, "p", new FeedbackInput(null, [new TalkRatingInput(null, 3), new TalkRatingInput(a.Talk.Id, null)], null), AfterIt));

        Assert.Equal(["items[0].agendaItemId", "items[1].rating", "rating"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Items_must_be_talks_of_this_meeting_each_rated_at_most_once()
    {
        var a = Meeting();
        var elsewhere = Meeting().Talk.Id;

        var error = Assert.Throws<DomainValidationException>(() =>
            FeedbackEntry.Give(a.Meeting, "p", Stars(4, (a.Discussion.Id, 3), (elsewhere, 3), (a.Talk.Id, 3), (a.Talk.Id, 4)), AfterIt));

        Assert.Equal(["items[0].agendaItemId", "items[1].agendaItemId", "items[3].agendaItemId"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_comment_may_have_several_lines_but_no_control_characters_and_at_most_2000_characters()
    {
        var a = Meeting();

        var lines = FeedbackEntry.Give(a.Meeting, "p", new FeedbackInput(4, null, "Gut.\r\nMehr Zeit bitte."), AfterIt);
        var control = Assert.Throws<DomainValidationException>(() => FeedbackEntry.Give(a.Meeting, "p", new FeedbackInput(4, null, "a\u0007b"), AfterIt));
        var bidi = Assert.Throws<DomainValidationException>(() => FeedbackEntry.Give(a.Meeting, "p", new FeedbackInput(4, null, "a\u202Eb"), AfterIt));
        var tooLong = Assert.Throws<DomainValidationException>(() =>
            FeedbackEntry.Give(a.Meeting, "p", new FeedbackInput(4, null, new string('x', FeedbackEntry.CommentMaxLength + 1)), AfterIt));

        Assert.Equal("Gut.\nMehr Zeit bitte.", lines.Comment);
        Assert.All([control, bidi, tooLong], e => Assert.Equal(["comment"], e.Errors.Keys));
    }

    [Fact]
    public void A_speaker_rates_the_meeting_and_the_other_talks_but_not_their_own()
    {
        var a = Meeting(complete: false);
        var speaker = Speaker.Register(a.Meeting, Munich, Talk(), Now);
        speaker.Confirm(a.Meeting, addToAgenda: true, position: null, Now);
        var own = a.Meeting.AgendaItems.Single(i => i.Presenter?.RefId == speaker.Id);
        var invitation = a.Meeting.Invitations.Single(i => i.SpeakerId == speaker.Id);
        a.Meeting.Complete([invitation.Id], AfterIt);

        var entry = FeedbackEntry.Give(a.Meeting, "p", Stars(5, (a.Talk.Id, 4)), AfterIt, invitation);
        var error = Assert.Throws<DomainValidationException>(() => entry.Change(a.Meeting, Stars(5, (own.Id, 5)), AfterIt, invitation));

        Assert.Equal([a.Talk.Id, a.OtherTalk.Id], FeedbackRules.Talks(a.Meeting, invitation).Select(t => t.Id));
        Assert.Contains(own.Id, FeedbackRules.Talks(a.Meeting, null).Select(t => t.Id));
        Assert.Equal("is your own talk; rate the others.", Assert.Single(error.Errors["items[0].agendaItemId"]));
    }

    [Fact]
    public void Feedback_opens_with_the_completion_not_before()
    {
        var a = Meeting(complete: false);

        var error = Assert.Throws<DomainException>(() => FeedbackEntry.Give(a.Meeting, "p", Stars(4), AfterIt));

        Assert.Contains("completed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Feedback_is_taken_on_day_13_after_the_end_and_refused_on_day_15_and_from_day_14_on()
    {
        var a = Meeting();
        var entry = FeedbackEntry.Give(a.Meeting, "p", Stars(4), End.AddDays(13));

        var changed = entry.Change(a.Meeting, Stars(5), End.AddDays(14).AddSeconds(-1));
        var late = Assert.Throws<DomainException>(() => entry.Change(a.Meeting, Stars(1), End.AddDays(15)));
        var atTheEnd = Assert.Throws<DomainException>(() => FeedbackEntry.Give(a.Meeting, "q", Stars(1), End.AddDays(14)));

        Assert.True(changed);
        Assert.Equal(5, entry.Rating);
        Assert.Contains("14 days after the meeting's end", late.Message, StringComparison.Ordinal);
        Assert.NotNull(atTheEnd);
        Assert.Equal(End.AddDays(14), FeedbackRules.ClosesAt(a.Meeting));
    }

    [Fact]
    public void Feedback_is_changed_as_a_whole_and_giving_the_same_again_changes_nothing()
    {
        var a = Meeting();
        var entry = FeedbackEntry.Give(a.Meeting, "p", new FeedbackInput(2, [new TalkRatingInput(a.Talk.Id, 1), new TalkRatingInput(a.OtherTalk.Id, 2)], "Zu lang."), AfterIt);

        var changed = entry.Change(a.Meeting, new FeedbackInput(4, [new TalkRatingInput(a.OtherTalk.Id, 5)], null), AfterIt);
        var again = entry.Change(a.Meeting, new FeedbackInput(4, [new TalkRatingInput(a.OtherTalk.Id, 5)], "  "), AfterIt);

        Assert.True(changed);
        Assert.False(again);
        Assert.Equal((4, (string?)null), (entry.Rating, entry.Comment));
        Assert.Equal([new TalkRating(a.OtherTalk.Id, 5)], entry.Talks);
    }

    [Fact]
    public void Only_the_attendee_gives_feedback_and_where_the_invitee_delegated_that_is_the_delegate_by_the_delegates_own_link()
    {
        var a = Meeting(complete: false);
        var departments = a.Meeting.Invitations.Where(i => i.Kind == InvitationKind.Department).ToList();
        var (delegating, present, absent) = (departments[0], departments[1], departments[2]);
        delegating.Answer(a.Meeting, new AnswerInput(AnswerStatus.Delegated, new PersonInput("Vera Vertretung", "vera@augsburg.example"), null),
            AnswerChannel.Token, "link", Now, Recipients);
        a.Meeting.Complete([delegating.Id, present.Id], AfterIt);

        Assert.Null(FeedbackRules.WhyNotFor(delegating, delegating.DelegateToken!));
        Assert.Equal(FeedbackRefusal.DelegateAttended, FeedbackRules.WhyNotFor(delegating, delegating.Token));
        Assert.Null(FeedbackRules.WhyNotFor(present, present.Token));
        Assert.Equal(FeedbackRefusal.NotAttended, FeedbackRules.WhyNotFor(absent, absent.Token));
    }

    [Fact]
    public void One_rule_says_why_a_link_gives_no_feedback_the_meetings_state_first_then_who_attended_then_the_window()
    {
        var published = Meeting(complete: false);
        var invitation = published.Meeting.Invitations.First(i => i.Kind == InvitationKind.Department);
        Assert.Equal(FeedbackRefusal.NotYet, FeedbackRules.WhyNot(published.Meeting, invitation, invitation.Token, AfterIt));

        var a = Meeting();
        var departments = a.Meeting.Invitations.Where(i => i.Kind == InvitationKind.Department).ToList();
        var (present, absent) = (departments[0], departments[2]);
        var closed = End + FeedbackRules.Window;

        Assert.Null(FeedbackRules.WhyNot(a.Meeting, present, present.Token, AfterIt));
        Assert.Equal(FeedbackRefusal.NotAttended, FeedbackRules.WhyNot(a.Meeting, absent, absent.Token, AfterIt));
        Assert.Equal(FeedbackRefusal.NotAttended, FeedbackRules.WhyNot(a.Meeting, absent, absent.Token, closed));
        Assert.Equal(FeedbackRefusal.Over, FeedbackRules.WhyNot(a.Meeting, present, present.Token, closed));
        Assert.True(FeedbackRules.IsAboutTheHolder(FeedbackRefusal.NotAttended));
        Assert.False(FeedbackRules.IsAboutTheHolder(FeedbackRefusal.Over));
        Assert.Contains("closed", FeedbackRules.Explain(FeedbackRefusal.Over, a.Meeting), StringComparison.Ordinal);
    }

    [Fact]
    public void Completing_plans_one_feedback_request_per_attendee_to_whoever_attended_and_none_to_the_absent()
    {
        var a = Meeting(complete: false);
        var departments = a.Meeting.Invitations.Where(i => i.Kind == InvitationKind.Department).ToList();
        departments[0].Answer(a.Meeting, new AnswerInput(AnswerStatus.Delegated, new PersonInput("Vera Vertretung", "vera@augsburg.example"), null),
            AnswerChannel.Token, "link", Now, Recipients);
        departments[2].Answer(a.Meeting, new AnswerInput(AnswerStatus.Declined, null, null), AnswerChannel.Token, "link", Now, Recipients);
        a.Meeting.ClearDomainEvents();

        a.Meeting.Complete([departments[0].Id, departments[1].Id], AfterIt);
        var completed = Assert.Single(a.Meeting.DomainEvents.OfType<MeetingCompleted>());
        var rows = MailPlans.Plan(completed, MailParties.None).ToList();

        Assert.All(rows, r => Assert.Equal((DeliveryKind.FeedbackRequest, Occasion.FeedbackRequest, DeliveryStatus.Queued, AfterIt), (r.Kind, r.Occasion, r.Status, r.DueAt)));
        Assert.Equal(["vera@augsburg.example", departments[1].Recipient.Email], rows.Select(r => r.RecipientEmail));
        Assert.Equal([departments[0].Id, departments[1].Id], rows.Select(r => r.InvitationId!.Value));
        Assert.Equal(Occasion.FeedbackRequest, Occasion.FromKey(Occasion.FeedbackRequest.Key));
    }

    [Fact]
    public void A_feedback_request_goes_out_while_feedback_is_open_and_is_skipped_after_it_closed()
    {
        var a = Meeting();
        var attendee = a.Meeting.Invitations.First(i => i.Attended == true);
        var row = Delivery.ForMeeting(a.Meeting.Id, attendee.Id, attendee.MailRecipient, DeliveryKind.FeedbackRequest, Occasion.FeedbackRequest, AfterIt, AfterIt);
        var facts = new DeliveryFacts(a.Meeting, attendee, null, null, [], false);
        var absent = a.Meeting.Invitations.First(i => i.Attended == false);
        var toAbsent = Delivery.ForMeeting(a.Meeting.Id, absent.Id, absent.MailRecipient, DeliveryKind.FeedbackRequest, Occasion.FeedbackRequest, AfterIt, AfterIt);

        Assert.Null(MailPlans.WhyNotToSend(row, facts, AfterIt.AddMinutes(1)));
        Assert.Equal("feedback has closed", MailPlans.WhyNotToSend(row, facts, End.AddDays(14)));
        Assert.Equal("the invitation was not attended", MailPlans.WhyNotToSend(toAbsent, facts with { Invitation = absent }, AfterIt));
    }

    [Fact]
    public void Averages_are_rounded_to_two_decimals_half_away_from_zero_and_null_without_ratings()
    {
        var none = FeedbackSummary.Of([]);
        var thirds = FeedbackSummary.Of([5, 5, 1]);
        var eighths = FeedbackSummary.Of([4, 3, 3, 3, 3, 3, 3, 3]); // 25 / 8 = 3.125

        Assert.Equal((0, (decimal?)null), (none.Responses, none.Average));
        Assert.Equal([0, 0, 0, 0, 0, 0], none.Distribution);
        Assert.Equal((3, (decimal?)3.67m), (thirds.Responses, thirds.Average));
        Assert.Equal([0, 1, 0, 0, 0, 2], thirds.Distribution);
        Assert.Equal(3.13m, eighths.Average);
    }

    [Fact]
    public void A_talks_summary_counts_only_the_ratings_of_that_talk()
    {
        var a = Meeting();
        var entries = new[]
        {
            FeedbackEntry.Give(a.Meeting, "p1", Stars(5, (a.Talk.Id, 4), (a.OtherTalk.Id, 1)), AfterIt),
            FeedbackEntry.Give(a.Meeting, "p2", Stars(3, (a.Talk.Id, 5)), AfterIt),
            FeedbackEntry.Give(a.Meeting, "p3", Stars(0), AfterIt),
        };

        var talk = FeedbackSummary.OfTalks(entries, new HashSet<Guid> { a.Talk.Id });
        var other = FeedbackSummary.OfTalks(entries, new HashSet<Guid> { a.OtherTalk.Id });

        Assert.Equal((2, (decimal?)4.5m), (talk.Responses, talk.Average));
        Assert.Equal((1, (decimal?)1m), (other.Responses, other.Average));
    }

    [Fact]
    public void Comments_come_without_names_in_a_fresh_random_order_each_time()
    {
        var a = Meeting();
        var entries = Enumerable.Range(0, 12).Select(n => FeedbackEntry.Give(a.Meeting, $"p{n}", new FeedbackInput(3, null, $"Kommentar {n}"), AfterIt)).ToList();
        var given = entries.Select(e => e.Comment!).ToList();

        var first = FeedbackSummary.Comments(entries, new Random(1));
        var second = FeedbackSummary.Comments(entries, new Random(2));

        Assert.Equal(given.Order(), first.Order());
        Assert.NotEqual(given, first);
        Assert.NotEqual(first, second);
    }
}
