using System.Globalization;
using Meetings.Domain.Mail;
using Meetings.Domain.Results;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>
/// The mails of a meeting's results: the minutes (a corrected version after a re-opening says so) to invitees and hosts,
/// and to a department's head its new tasks, a task falling due, a task overdue.
/// </summary>
internal static class ResultsLetters
{
    public static Letter Of(MailContent content)
    {
        var (delivery, meeting) = (content.Delivery, content.Meeting!);
        var day = LetterFacts.Day(meeting.StartsAt, meeting);
        var paragraphs = new List<string>();
        string subject;
        Protocol? protocol = null;
        switch (delivery.Occasion)
        {
            case Occasion.MinutesOccasion m:
                var corrected = m.Edition > 1;
                subject = LetterFacts.Format(corrected ? MinutesText.CorrectedMinutesSubject : MinutesText.MinutesSubject, meeting.Title);
                paragraphs.Add(LetterFacts.Format(corrected ? MinutesText.CorrectedMinutesLead : MinutesText.MinutesLead, meeting.Title, day, m.Edition));
                protocol = ProtocolWriter.Of(ResultsFacts.Of(content.Facts).Minutes!, content.Language);
                break;
            case Occasion.TasksAssignedOccasion:
                subject = LetterFacts.Format(MinutesText.TasksAssignedSubject, meeting.Title);
                paragraphs.Add(LetterFacts.Format(MinutesText.TasksAssignedLead, meeting.Title, day));
                paragraphs.Add(TaskLines(content));
                break;
            case Occasion.TaskDateOccasion d:
                var task = ResultsFacts.Of(content.Facts).Tasks.Single(t => t.Id == d.TaskId);
                var dueOn = task.DueOn.ToString(MinutesText.DueOnFormat, CultureInfo.CurrentUICulture);
                subject = d.Overdue
                    ? LetterFacts.Format(MinutesText.TaskOverdueSubject, task.Title)
                    : LetterFacts.Format(MinutesText.TaskDueSubject, task.Title, dueOn);
                paragraphs.Add(LetterFacts.Format(d.Overdue ? MinutesText.TaskOverdueLead : MinutesText.TaskDueLead, task.Title, meeting.Title, dueOn));
                if (task.Description is { } description)
                {
                    paragraphs.Add(description);
                }

                paragraphs.Add(LetterFacts.Format(MinutesText.TaskReport, task.Id));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(content), delivery.Kind, "not a mail about results");
        }

        return new Letter(
            LetterFacts.CultureOf(content.Language), subject, LetterFacts.Format(MailText.Greeting, delivery.Recipient.Name), paragraphs, Button: null,
            Meeting: null, MailText.Closing, content.SeriesName, MailText.FooterOffice, protocol);
    }

    /// <summary>The open tasks of an invitee's department carried over from earlier meetings, as a paragraph (null: none).</summary>
    public static string? OpenTasks(MailContent content) =>
        ResultsFacts.Of(content.Facts).Tasks.Count == 0 ? null : MinutesText.OpenTasksLead + "\n" + TaskLines(content);

    private static string TaskLines(MailContent content) =>
        string.Join("\n", ResultsFacts.Of(content.Facts).Tasks.Select(t =>
            "– " + LetterFacts.Format(MinutesText.OwnTaskLine, t.Title, t.DueOn.ToString(MinutesText.DueOnFormat, CultureInfo.CurrentUICulture))));
}
