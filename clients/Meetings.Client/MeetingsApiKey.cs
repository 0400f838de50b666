using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Meetings.Client;

/// <summary>
/// Sends the API key as <c>X-Api-Key</c> with every request of a <see cref="MeetingsClient"/>. Kiota's own
/// <see cref="ApiKeyAuthenticationProvider"/> does the same but refuses plain http, which a local run uses.
/// </summary>
/// <example>
/// <code>
/// var adapter = new HttpClientRequestAdapter(new MeetingsApiKey(key)) { BaseUrl = "https://meetings.city.example" };
/// var client = new MeetingsClient(adapter);
/// </code>
/// </example>
public sealed class MeetingsApiKey(string key) : IAuthenticationProvider
{
    public const string HeaderName = "X-Api-Key";

    public Task AuthenticateRequestAsync(
        RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.TryAdd(HeaderName, key);
        return Task.CompletedTask;
    }
}
