namespace Meetings.Domain.Meetings;

/// <summary>
/// What a ledger row is about, as it stands when the row is about to go out (loaded per dispatch batch): its
/// meeting (with the agenda), invitation, speaker, series and — for a cadence alert — the series' meetings,
/// and whether the recipient of a cancellation had been sent the invitation or an update.
/// </summary>
public sealed record DeliveryFacts(
    Meeting? Meeting,
    Invitation? Invitation,
    Speaker? Speaker,
    Series? Series,
    IReadOnlyCollection<(DateTimeOffset StartsAt, MeetingStatus Status)> SeriesMeetings,
    bool RecipientWasInvited,
    Results.MinutesView? Minutes = null,
    IReadOnlyList<Results.MeetingTask>? RowTasks = null)
{
    /// <summary>The tasks a task mail is about: the department's new tasks of the edition, or the one task due.</summary>
    public IReadOnlyList<Results.MeetingTask> Tasks => RowTasks ?? [];

    /// <summary>The year of a cadence alert as it stands at <paramref name="now"/>.</summary>
    public CadenceYear? CadenceNow(Delivery row, DateTimeOffset now) =>
        row.Occasion is Occasion.CadenceOccasion alert && Series is { } series
            ? Cadence.Report(series, SeriesMeetings, alert.Year, alert.Year, now).Single()
            : null;
}

/// <summary>
/// Send time: the one judgement made right before a row goes out — is it still wanted, on the state as it is
/// now? A mail planned earlier may have become pointless (the meeting was cancelled or started, the invitee
/// declined or delegated, the plan changed, the speaker decision was reversed, the year is no longer at risk):
/// then the row is skipped with the reason. Plan-time rules are <see cref="DeliveryPlanner"/>.
/// </summary>
public static class SendDecision
{
    /// <summary>Null: send it. Otherwise why not.</summary>
    public static string? WhyNotToSend(Delivery row, DeliveryFacts facts, DateTimeOffset now)
    {
        if (row.Kind == DeliveryKind.CadenceAlert)
        {
            return facts.CadenceNow(row, now) is not { } year ? "the series no longer exists"
                : Occasion.Cadence(year.Year, year.Status) != row.Occasion ? $"the year is {Cadence.LevelName(year.Status)} now"
                : null;
        }

        if (facts.Meeting is not { } meeting)
        {
            return "the meeting no longer exists";
        }

        if (Results.ResultsMail.IsResultsMail(row.Kind))
        {
            return Results.ResultsMail.WhyNotToSend(row, facts);
        }

        if (row.Kind == DeliveryKind.FeedbackRequest)
        {
            return Feedback.FeedbackRules.WhyNotToRequest(meeting, facts.Invitation, row.RecipientEmail, now);
        }

        if (row.SpeakerId is not null)
        {
            return ForSpeakerMail(row, meeting, facts.Speaker, now);
        }

        return row.Kind == DeliveryKind.Cancellation
            ? (row.InvitationId is null || facts.RecipientWasInvited ? null : "the invitation had not gone out")
            : ForInviteeMail(row, meeting, facts.Invitation, now);
    }

    /// <summary>
    /// Null: the row may go to its recipient. Otherwise why it never can (the row fails, and is not tried again): its
    /// address is not one mailbox as <see cref="Common.EmailAddress"/> says — stored before the rule, or written around
    /// it. Such an address is never handed to the mail server (<c>a%b@city</c> is a source route its relay may follow).
    /// </summary>
    public static string? WhyItCannotGo(Delivery row) =>
        Common.EmailAddress.IsValid(row.RecipientEmail) && Common.EmailAddress.IsValid(row.Recipient.Email)
            ? null
            : "the recipient's address is not one mailbox local@domain as the e-mail address rule says (stored before the rule); "
              + "it is not handed to the mail server. The address needs correcting where it is kept (directory, series, delegate, speaker).";

    /// <summary>Mails to invitees: only while the meeting is published and ahead, to the invitation's current recipient.</summary>
    private static string? ForInviteeMail(Delivery row, Meeting meeting, Invitation? invitation, DateTimeOffset now)
    {
        if (meeting.Status != MeetingStatus.Published)
        {
            return $"the meeting is {meeting.Status.ToString().ToLowerInvariant()}";
        }

        if (meeting.StartsAt <= now)
        {
            return "the meeting has started";
        }

        if (invitation is not null)
        {
            if (!invitation.IsOpen)
            {
                return "the invitation was withdrawn";
            }

            if (invitation.MailRecipient.Email != row.RecipientEmail)
            {
                return "the invitation now goes to someone else";
            }

            if (row.Kind == DeliveryKind.Reminder && invitation.Status == AnswerStatus.Declined)
            {
                return "the invitee declined";
            }

            if (row.Kind == DeliveryKind.RsvpNudge && invitation.Status != AnswerStatus.Pending)
            {
                return "the invitee has answered";
            }
        }

        return row.IsTimed && !DeliveryPlanner.IsCurrent(meeting, row) ? "superseded by a newer plan" : null;
    }

    /// <summary>Speaker mails: while the meeting is draft or published and ahead, and the decision still stands.</summary>
    private static string? ForSpeakerMail(Delivery row, Meeting meeting, Speaker? speaker, DateTimeOffset now)
    {
        if (speaker is null)
        {
            return "the speaker no longer exists";
        }

        if (meeting.Status is not (MeetingStatus.Draft or MeetingStatus.Published))
        {
            return $"the meeting is {meeting.Status.ToString().ToLowerInvariant()}";
        }

        if (meeting.StartsAt <= now)
        {
            return "the meeting has started";
        }

        var stands = row.Kind switch
        {
            DeliveryKind.SpeakerConfirmed => speaker.Status == SpeakerStatus.Confirmed,
            DeliveryKind.SpeakerRejected => speaker.Status == SpeakerStatus.Rejected,
            _ => speaker.Status == SpeakerStatus.Withdrawn,
        };
        return stands ? null : $"the speaker is {speaker.Status.ToString().ToLowerInvariant()} now";
    }
}
