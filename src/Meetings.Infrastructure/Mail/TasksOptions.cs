using Meetings.Domain.Meetings;
using Microsoft.Extensions.Options;

namespace Meetings.Infrastructure.Mail;

/// <summary>The <c>Tasks</c> configuration section.</summary>
public sealed class TasksOptions
{
    /// <summary>How long before a task's due date its department's head is reminded (ISO 8601 duration; default <c>P7D</c>).</summary>
    public string DueReminder { get; set; } = "P7D";

    /// <summary><see cref="DueReminder"/> as a duration (the service does not start with an unreadable or non-positive one).</summary>
    public TimeSpan DueReminderOffset => Parse() ?? TimeSpan.FromDays(7);

    public bool IsValid => Parse() is not null;

    private TimeSpan? Parse()
    {
        try
        {
            var offset = ReminderPlan.ParseIso(DueReminder);
            return offset > TimeSpan.Zero ? offset : null;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return null;
        }
    }
}

/// <summary><c>Tasks:DueReminder</c>, checked at start (<see cref="Hosting.SettingChecks"/>).</summary>
internal sealed class TasksOptionsCheck : IValidateOptions<TasksOptions>
{
    public ValidateOptionsResult Validate(string? name, TasksOptions tasks) => tasks.IsValid
        ? ValidateOptionsResult.Success
        : ValidateOptionsResult.Fail(
            Hosting.SettingChecks.Wrong("Tasks:DueReminder", "a positive ISO 8601 duration such as P7D", tasks.DueReminder ?? string.Empty));
}
