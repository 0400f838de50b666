using Meetings.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace Meetings.Infrastructure.Documents;

/// <summary>The <c>Documents</c> configuration section.</summary>
public sealed class DocumentsOptions
{
    public const long DefaultMaxBytes = 25L * 1024 * 1024;

    /// <summary>The largest file a document may have, in bytes (default 25 MiB); a larger upload is a 413 and nothing is stored.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;
}

/// <summary><c>Documents:MaxBytes</c> must be positive and at most 1 GiB (checked at start, <see cref="SettingChecks"/>).</summary>
internal sealed class DocumentsOptionsCheck : IValidateOptions<DocumentsOptions>
{
    public const long MostBytes = 1024L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, DocumentsOptions options) =>
        options.MaxBytes is > 0 and <= MostBytes
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(SettingChecks.Wrong("Documents:MaxBytes", $"from 1 to {MostBytes} bytes", options.MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
