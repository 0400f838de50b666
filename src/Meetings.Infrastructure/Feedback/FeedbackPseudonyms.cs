using System.Security.Cryptography;
using System.Text;
using Meetings.Domain.Meetings;
using Microsoft.Extensions.Configuration;

namespace Meetings.Infrastructure.Feedback;

/// <summary>
/// The one-way pseudonym a feedback is stored under: HMAC-SHA256 of the meeting and invitation ids with a key derived
/// (HKDF) from a secret that lives in the configuration, never in the database — <c>Feedback:PseudonymSecret</c>, or,
/// when that is unset, <c>Auth:BootstrapAdminKey</c>. The service finds an attendee's feedback again from the personal
/// link (link → invitation → pseudonym), so it can be changed; the feedback table holds no invitation id, person or time,
/// so whoever reads the database alone cannot tell whose it is, and no response ever names one.
/// Changing the secret orphans the feedback given so far (it still counts, but can no longer be changed by its giver).
/// </summary>
public sealed class FeedbackPseudonyms(IConfiguration configuration)
{
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("meetings/feedback-pseudonym/v1");

    public string Of(Invitation invitation)
    {
        var secret = configuration["Feedback:PseudonymSecret"] is { Length: > 0 } own ? own
            : configuration["Auth:BootstrapAdminKey"] is { Length: > 0 } bootstrap ? bootstrap
            : "meetings-feedback-without-secret"; // a development machine without keys; Production always has the bootstrap key
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: null, info: Purpose);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{invitation.MeetingId:N}:{invitation.Id:N}"));
        return System.Buffers.Text.Base64Url.EncodeToString(mac);
    }
}
