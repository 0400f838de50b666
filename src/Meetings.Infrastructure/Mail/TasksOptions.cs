using Meetings.Domain.Meetings;

namespace Meetings.Infrastructure.Mail;

/// <summary>The <c>Tasks</c> configuration section.</summary>
public sealed class TasksOptions
{
    /// <summary>How long before a task's due date its department's head is reminded (ISO 8601 duration; default <c>P7D</c>).</summary>
    public string DueReminder { get; set; } = "P7D";

    /// <summary><see cref="DueReminder"/> as a duration; an unreadable or negative value is the default, seven days.</summary>
    public TimeSpan DueReminderOffset
    {
        get
        {
            try
            {
                var offset = ReminderPlan.ParseIso(DueReminder);
                return offset > TimeSpan.Zero ? offset : TimeSpan.FromDays(7);
            }
            catch (FormatException)
            {
                return TimeSpan.FromDays(7);
            }
        }
    }
}
