using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Feeds;
using Meetings.Domain.Meetings;
using Meetings.Domain.Tests.Meetings;

namespace Meetings.Domain.Tests.Feeds;

public sealed class FeedTests
{
    private static readonly DateTimeOffset Now = MeetingBuilder.Now;

    [Fact]
    public void A_persons_feed_is_keyed_by_the_normalised_address_with_a_256_bit_url_safe_token()
    {
        var feed = Feed.ForPerson("  Leitung10@Augsburg.Example ", Now);

        Assert.Equal(FeedKind.Person, feed.Kind);
        Assert.Equal("leitung10@augsburg.example", feed.PersonEmail);
        Assert.Null(feed.RefId);
        Assert.Equal(43, feed.Token.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", feed.Token);
        Assert.NotEqual(feed.Token, Feed.ForPerson("leitung10@augsburg.example", Now).Token);
    }

    [Fact]
    public void A_persons_feed_needs_a_valid_address()
    {
        var error = Assert.Throws<DomainValidationException>(() => Feed.ForPerson("no address", Now));

        Assert.Equal(["email"], error.Errors.Keys);
    }

    [Fact]
    public void The_office_creates_department_and_series_feeds_but_no_person_feed()
    {
        var id = Guid.NewGuid();

        var feed = Feed.ForOffice(FeedKind.Series, id, Now);

        Assert.Equal((FeedKind.Series, id, (string?)null), (feed.Kind, feed.RefId, feed.PersonEmail));
        Assert.Equal(["kind"], Assert.Throws<DomainValidationException>(() => Feed.ForOffice(FeedKind.Person, id, Now)).Errors.Keys);
    }

    [Fact]
    public void A_revoked_feed_cannot_be_revoked_again()
    {
        var feed = Feed.ForOffice(FeedKind.Department, Guid.NewGuid(), Now);

        feed.Revoke(Now);

        Assert.True(feed.IsRevoked);
        Assert.Throws<DomainException>(() => feed.Revoke(Now));
    }

    [Fact]
    public void Heads_and_deputies_of_active_departments_and_series_hosts_are_persons_of_the_directory()
    {
        var series = MeetingBuilder.Series();
        var active = Department.Create("10", "Amt 10", new PersonInput("Leitung", "leitung10@augsburg.example"), new PersonInput("Vize", "vize10@augsburg.example"), Now);
        var inactive = MeetingBuilder.Department("20");
        inactive.Deactivate(Now);
        Department[] departments = [active, inactive];

        Assert.NotNull(FeedHolders.PersonOf("leitung10@augsburg.example", departments, [series]));
        Assert.Equal("Vize", FeedHolders.PersonOf("vize10@augsburg.example", departments, [series])?.Name);
        Assert.NotNull(FeedHolders.PersonOf("ob@augsburg.example", departments, [series]));
        Assert.Null(FeedHolders.PersonOf("leitung20@augsburg.example", departments, [series]));
        Assert.Null(FeedHolders.PersonOf("jemand@augsburg.example", departments, [series]));
    }

    [Fact]
    public void A_new_head_makes_the_predecessor_no_person_of_the_directory()
    {
        var department = MeetingBuilder.Department("10");

        department.Update("10", "Amt 10", new PersonInput("Neue Leitung", "neu10@augsburg.example"), null);

        Assert.Null(FeedHolders.PersonOf("leitung10@augsburg.example", [department], []));
        Assert.NotNull(FeedHolders.PersonOf("neu10@augsburg.example", [department], []));
    }

    [Fact]
    public void A_delegated_invitation_shows_in_the_delegates_feed_and_still_in_the_invitees()
    {
        var series = MeetingBuilder.Series();
        var department = MeetingBuilder.Department("10");
        var meeting = MeetingBuilder.Published(series, Now.AddDays(30), department);
        var invitation = Assert.Single(meeting.Invitations, i => i.DepartmentId == department.Id);

        invitation.Answer(meeting, new AnswerInput(AnswerStatus.Delegated, new PersonInput("Vera Vertretung", "vera@augsburg.example"), null),
            AnswerChannel.Api, "portal", Now, MeetingBuilder.Recipients);

        Assert.True(FeedHolders.Shows(invitation, "vera@augsburg.example"));
        Assert.True(FeedHolders.Shows(invitation, "leitung10@augsburg.example"));
        Assert.False(FeedHolders.Shows(invitation, "jemand@augsburg.example"));
    }

    [Fact]
    public void Feeds_show_published_and_cancelled_meetings_of_the_last_twelve_months_never_drafts()
    {
        var series = MeetingBuilder.Series();
        var meeting = MeetingBuilder.Published(series, Now.AddDays(10));
        var draft = MeetingBuilder.Draft(series, Now.AddDays(10));
        var cancelled = MeetingBuilder.Published(series, Now.AddDays(20));
        cancelled.Cancel("Krankheit", Now);

        Assert.True(FeedHolders.Shows(meeting, Now));
        Assert.True(FeedHolders.Shows(meeting, Now.AddDays(10).AddMonths(12)));
        Assert.False(FeedHolders.Shows(meeting, Now.AddDays(11).AddMonths(12)));
        Assert.True(FeedHolders.Shows(cancelled, Now));
        Assert.False(FeedHolders.Shows(draft, Now));
    }

    [Fact]
    public void Rotation_revokes_the_feed_of_a_replaced_head_and_gives_the_new_head_a_feed_of_their_own()
    {
        var department = MeetingBuilder.Department("10");
        var old = Feed.ForPerson("leitung10@augsburg.example", Now);
        department.Update("10", "Amt 10", new PersonInput("Neue Leitung", "neu10@augsburg.example"), null);

        var added = FeedHolders.Rotate([old], FeedHolders.PeopleOf([department], []), Now);

        Assert.True(old.IsRevoked);
        Assert.Equal("neu10@augsburg.example", Assert.Single(added).PersonEmail);
    }

    [Fact]
    public void Rotation_keeps_a_persons_oldest_open_feed_and_revokes_a_second_one()
    {
        var department = MeetingBuilder.Department("10");
        var first = Feed.ForPerson("leitung10@augsburg.example", Now);
        var second = Feed.ForPerson("leitung10@augsburg.example", Now.AddSeconds(1));

        var added = FeedHolders.Rotate([second, first], FeedHolders.PeopleOf([department], []), Now);

        Assert.Empty(added);
        Assert.False(first.IsRevoked);
        Assert.True(second.IsRevoked);
    }

    [Fact]
    public void A_person_who_comes_back_gets_a_new_token_not_the_revoked_one()
    {
        var department = MeetingBuilder.Department("10");
        var feed = Feed.ForPerson("leitung10@augsburg.example", Now);
        department.Deactivate(Now);
        FeedHolders.Rotate([feed], FeedHolders.PeopleOf([department], []), Now);

        department.Reactivate();
        var again = Assert.Single(FeedHolders.Rotate([feed], FeedHolders.PeopleOf([department], []), Now));

        Assert.True(feed.IsRevoked);
        Assert.NotEqual(feed.Token, again.Token);
    }
}
