using Meetings.Infrastructure.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Meetings.Infrastructure.Feedback;

/// <summary>The <c>Feedback</c> configuration section.</summary>
public sealed class FeedbackOptions
{
    /// <summary>The secret of the pseudonym feedback is stored under (<see cref="FeedbackPseudonyms"/>); unset: <c>Auth:BootstrapAdminKey</c>.</summary>
    public string? PseudonymSecret { get; set; }
}

/// <summary>
/// In Production the feedback secret must be there, and long enough not to be guessed from the database (whoever has the
/// invitation ids could otherwise try secrets until a pseudonym matches): <c>Feedback:PseudonymSecret</c> of at least
/// <see cref="MinProductionSecretLength"/> characters, or, unset, the bootstrap key (whose length its own check holds).
/// Checked at start (<see cref="SettingChecks"/>); the secret is never shown.
/// </summary>
internal sealed class FeedbackOptionsCheck(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<FeedbackOptions>
{
    public const int MinProductionSecretLength = 32;

    public ValidateOptionsResult Validate(string? name, FeedbackOptions feedback)
    {
        if (!environment.IsProduction())
        {
            return ValidateOptionsResult.Success;
        }

        var own = feedback.PseudonymSecret ?? string.Empty; // as FeedbackPseudonyms reads it: any value counts as set
        if (own.Length > 0 && own.Trim().Length < MinProductionSecretLength)
        {
            return ValidateOptionsResult.Fail(SettingChecks.Wrong("Feedback:PseudonymSecret",
                $"at least {MinProductionSecretLength} characters in Production (for example: openssl rand -base64 32); it has {own.Trim().Length}"));
        }

        if (own.Length == 0 && string.IsNullOrWhiteSpace(configuration["Auth:BootstrapAdminKey"]))
        {
            return ValidateOptionsResult.Fail(SettingChecks.Wrong("Feedback:PseudonymSecret",
                $"set in Production, or Auth:BootstrapAdminKey: a secret of at least {MinProductionSecretLength} characters, the same on every instance (for example: openssl rand -base64 32); neither is set"));
        }

        return ValidateOptionsResult.Success;
    }
}
