using System.Security.Cryptography;
using System.Text;
using Meetings.Domain.Meetings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Meetings.Infrastructure.Feedback;

/// <summary>
/// The one-way pseudonym a feedback is stored under: HMAC-SHA256 of the meeting and invitation ids with a key derived
/// (HKDF) from a secret that lives in the configuration, never in the database or the code — <c>Feedback:PseudonymSecret</c>,
/// or, when that is unset, <c>Auth:BootstrapAdminKey</c>. The service finds an attendee's feedback again from the personal
/// link (link → invitation → pseudonym), so it can be changed; the feedback table holds no invitation id, person or time,
/// so whoever reads the database alone cannot tell whose it is, and no response ever names one.
/// Changing the secret orphans the feedback given so far (it still counts, but can no longer be changed by its giver).
/// <para>
/// With neither set (a development machine; Production does not start without one) the secret is random, made once per
/// process, and a warning says so at start: feedback then cannot be changed after a restart, and instances do not share
/// it (a giver who reaches another instance gives a second feedback instead of changing the first).
/// </para>
/// </summary>
public sealed class FeedbackPseudonyms
{
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("meetings/feedback-pseudonym/v1");

    private readonly byte[] _key;

    public FeedbackPseudonyms(IConfiguration configuration, ILogger<FeedbackPseudonyms> logger)
    {
        var secret = configuration["Feedback:PseudonymSecret"] is { Length: > 0 } own ? own
            : configuration["Auth:BootstrapAdminKey"] is { Length: > 0 } bootstrap ? bootstrap
            : null;
        if (secret is null)
        {
            logger.LogWarning(
                "Neither Feedback:PseudonymSecret nor Auth:BootstrapAdminKey is set: feedback is kept under a random secret of this process. "
                + "After a restart, and on another instance, a giver can no longer change the feedback given; set Feedback:PseudonymSecret.");
        }

        IsRandom = secret is null;
        var material = secret is null ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(secret);
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, salt: null, info: Purpose);
    }

    /// <summary>Whether the secret is a random one of this process (none configured).</summary>
    public bool IsRandom { get; }

    public string Of(Invitation invitation) => Of(invitation.MeetingId, invitation.Id);

    public string Of(Guid meetingId, Guid invitationId)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{meetingId:N}:{invitationId:N}"));
        return System.Buffers.Text.Base64Url.EncodeToString(mac);
    }
}
