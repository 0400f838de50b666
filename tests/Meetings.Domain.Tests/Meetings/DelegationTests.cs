using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Mail;
using Meetings.Domain.Meetings;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Meetings;

/// <summary>
/// Who may be named as delegate (<see cref="AllowedRecipients"/>), the delegate's own link, how often the delegate may
/// change, and links that end with their person (<see cref="Invitation.Answer"/>, <see cref="Meeting.SyncDepartment"/>).
/// </summary>
public sealed class DelegationTests
{
    private static readonly DateTimeOffset InAMonth = Now.AddDays(30);

    private static readonly AllowedRecipients Directory = AllowedRecipients.Of(
        ["vertretung.extern@partner.example", "Kontakt@Muenchen.Example"], AllowedRecipients.DomainsOf(["leitung10@augsburg.example", "ob@Host.Example"]));

    private static (Meeting Meeting, Invitation Invitation, Department Department) Invited()
    {
        var department = Department("10");
        var meeting = Published(Series(), InAMonth, department);
        meeting.ClearDomainEvents();
        return (meeting, meeting.Invitations.Single(i => i.Kind == InvitationKind.Department), department);
    }

    private static AnswerInput To(string email, string name = "Vera Vertretung") => new(AnswerStatus.Delegated, new PersonInput(name, email), null);

    [Theory]
    [InlineData("vera@augsburg.example", true)]
    [InlineData("Vera@AUGSBURG.example", true)]
    [InlineData("ob.büro@host.example", true)]
    [InlineData("vertretung.extern@partner.example", true)] // a known address outside the domains
    [InlineData("kontakt@muenchen.example", true)]
    [InlineData("someone@partner.example", false)]
    [InlineData("vera@sub.augsburg.example", false)] // domains match exactly
    [InlineData("vera@augsburg.example.evil.example", false)]
    public void The_service_mails_the_addresses_it_knows_and_those_of_the_allowed_domains(string email, bool allowed)
    {
        Assert.Equal(allowed, Directory.Allows(email));
    }

    [Theory]
    [InlineData(AnswerChannel.Token)]
    [InlineData(AnswerChannel.Api)]
    [InlineData(AnswerChannel.Calendar)]
    public void A_delegate_outside_them_is_refused_naming_the_field_and_nothing_changes(AnswerChannel via)
    {
        var (meeting, invitation, _) = Invited();

        var refused = Assert.Throws<RecipientNotAllowedException>(() => invitation.Answer(meeting, To("anyone@elsewhere.example"), via, "someone", Now, Directory));

        Assert.Equal("delegate.email", refused.Field);
        Assert.Equal((AnswerStatus.Pending, 0), (invitation.Status, invitation.HistoryTotal));
        Assert.Empty(invitation.DomainEvents);
    }

    [Fact]
    public void An_admin_may_name_any_address()
    {
        var (meeting, invitation, _) = Invited();

        invitation.Answer(meeting, To("berater@extern-beratung.example"), AnswerChannel.Admin, "office", Now, AllowedRecipients.None);

        Assert.Equal("berater@extern-beratung.example", invitation.Delegate!.Email);
    }

    [Fact]
    public void A_delegate_gets_a_link_of_its_own_which_ends_with_the_delegation()
    {
        var (meeting, invitation, _) = Invited();
        var headToken = invitation.Token;

        invitation.Answer(meeting, To("vera@augsburg.example"), AnswerChannel.Token, "link", Now, Recipients);
        var vera = invitation.DelegateToken;
        invitation.Answer(meeting, To("stefan@augsburg.example", "Stefan Koch"), AnswerChannel.Token, "link", Now, Recipients);
        var stefan = invitation.DelegateToken;
        invitation.Answer(meeting, new AnswerInput(AnswerStatus.Accepted, null, null), AnswerChannel.Token, "link", Now, Recipients);

        Assert.NotNull(vera);
        Assert.NotEqual(headToken, vera);
        Assert.NotEqual(vera, stefan);
        Assert.Null(invitation.DelegateToken);
        Assert.Equal(headToken, invitation.Token);
    }

    [Fact]
    public void Each_mail_carries_the_link_of_the_person_it_goes_to_and_no_one_else_gets_the_invitees()
    {
        var (meeting, invitation, _) = Invited();
        invitation.Answer(meeting, To("vera@augsburg.example"), AnswerChannel.Token, "link", Now, Recipients);

        Assert.Equal(invitation.Token, invitation.TokenFor(invitation.Recipient.Email));
        Assert.Equal(invitation.DelegateToken, invitation.TokenFor("Vera@Augsburg.example"));
        Assert.Null(invitation.TokenFor("stefan@augsburg.example"));
    }

    [Fact]
    public void The_delegate_changes_at_most_five_times_within_24_hours_except_by_the_office()
    {
        var (meeting, invitation, _) = Invited();
        for (var i = 1; i <= Invitation.MaxDelegateChangesPerDay; i++)
        {
            invitation.Answer(meeting, To($"v{i}@augsburg.example"), AnswerChannel.Token, "link", Now.AddMinutes(i), Recipients);
        }

        var sixth = Assert.Throws<DomainException>(() => invitation.Answer(meeting, To("v6@augsburg.example"), AnswerChannel.Api, "portal", Now.AddHours(2), Recipients));
        invitation.Answer(meeting, new AnswerInput(AnswerStatus.Declined, null, null), AnswerChannel.Token, "link", Now.AddHours(3), Recipients);
        invitation.Answer(meeting, To("v6@augsburg.example"), AnswerChannel.Admin, "office", Now.AddHours(4), AllowedRecipients.None);
        invitation.Answer(meeting, To("v7@augsburg.example"), AnswerChannel.Token, "link", Now.AddMinutes(1).AddDays(1), Recipients);

        Assert.Contains("5 times within 24 hours", sixth.Message, StringComparison.Ordinal);
        Assert.Equal("v7@augsburg.example", invitation.Delegate!.Email);
    }

    [Fact]
    public void A_new_head_gets_a_new_link_and_the_invitation_again_and_a_corrected_name_changes_neither()
    {
        var (meeting, invitation, department) = Invited();
        var before = invitation.Token;

        department.Update("10", "Amt 10", new PersonInput("Dr. Leitung 10", "leitung10@augsburg.example"), null);
        meeting.SyncDepartment(department, Now, "office");
        var corrected = invitation.Token;
        department.Update("10", "Amt 10", new PersonInput("Neue Leitung", "neu@augsburg.example"), null);
        meeting.SyncDepartment(department, Now, "office");

        Assert.Equal(before, corrected);
        Assert.NotEqual(before, invitation.Token);
        var reissued = Assert.Single(meeting.DomainEvents.OfType<InvitationOpened>());
        Assert.True(reissued.Reissued);
        var row = MailPlans.Plan(reissued, MailParties.None).Single(r => r.Kind == DeliveryKind.Invitation);
        Assert.Equal((Occasion.Reissue(Now), "neu@augsburg.example"), (row.Occasion, row.RecipientEmail));
    }

    [Fact]
    public void A_reactivated_department_is_invited_afresh_with_a_new_link()
    {
        var (meeting, invitation, department) = Invited();
        invitation.Answer(meeting, To("vera@augsburg.example"), AnswerChannel.Token, "link", Now, Recipients);
        var (head, vera) = (invitation.Token, invitation.DelegateToken);

        department.Deactivate(Now);
        meeting.SyncDepartment(department, Now, "office");
        department.Reactivate();
        meeting.SyncDepartment(department, Now, "office");

        Assert.NotEqual(head, invitation.Token);
        Assert.Equal((AnswerStatus.Pending, null, null), (invitation.Status, invitation.Delegate, invitation.DelegateToken));
        Assert.NotNull(vera);
        Assert.Contains(meeting.DomainEvents.OfType<InvitationOpened>(), e => e.Reissued);
    }

    [Fact]
    public void The_history_counts_every_entry_whatever_is_loaded()
    {
        var (meeting, invitation, _) = Invited();

        for (var i = 0; i < 25; i++)
        {
            invitation.Answer(meeting, new AnswerInput(i % 2 == 0 ? AnswerStatus.Accepted : AnswerStatus.Declined, null, null), AnswerChannel.Api, "portal", Now, Recipients);
        }

        Assert.Equal(25, invitation.HistoryTotal);
        Assert.Equal(AnswerStatus.Accepted, invitation.History[^1].Status);
    }
}
