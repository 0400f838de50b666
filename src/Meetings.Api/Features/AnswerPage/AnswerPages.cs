using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;

namespace Meetings.Api.Features.AnswerPage;

/// <summary>Builds the page's view from the domain objects, the same way after a GET and after an answer.</summary>
internal static class AnswerPages
{
    public static AnswerPageView View(string token, Invitation invitation, SharedMeeting shared, Person? deputy, DateTimeOffset now) => new(
        token,
        invitation.Kind,
        PersonView.From(invitation.Recipient),
        invitation.Status,
        invitation.Delegate is { } d ? PersonView.From(d) : null,
        token == invitation.Token ? invitation.Comment : null, // the invitee's comment is theirs, not the delegate's to read
        invitation.AnsweredAt,
        !invitation.IsOpen,
        shared.View,
        shared.Agenda,
        shared.Speakers,
        deputy is null || deputy.Email == invitation.Recipient.Email ? null : PersonView.From(deputy),
        invitation.ClosedFor(shared.Meeting, AnswerChannel.Token, now),
        ForDelegate: token != invitation.Token,
        invitation.MeetingId,
        invitation.DepartmentId);
}

/// <summary>What every invitee of a meeting sees alike, built once when it is loaded (and then shared, read only).</summary>
internal sealed class SharedMeeting(Meeting meeting, string? seriesName, IReadOnlyList<SpeakerView> speakers)
{
    public Meeting Meeting { get; } = meeting;

    public MeetingView View { get; } = new(
        seriesName, meeting.Title, meeting.Motto, meeting.Description, meeting.StartsAt, meeting.EndsAt, meeting.TimeZone,
        meeting.Location, meeting.AnswerDeadline, meeting.Status, meeting.CancellationReason);

    public IReadOnlyList<AgendaRow> Agenda { get; } = meeting.Agenda.Schedule()
        .Select(s => new AgendaRow(s.StartsAt, s.EndsAt, s.Item.Title, s.Item.Description, s.Item.Kind, s.Item.Presenter?.Name))
        .ToList();

    public IReadOnlyList<SpeakerView> Speakers { get; } = speakers;
}
