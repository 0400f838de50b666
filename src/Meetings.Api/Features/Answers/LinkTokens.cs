using Meetings.Domain.Common;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.Answers;

/// <summary>
/// The personal link's token as it comes in a path (<c>/api/rsvp/{token}</c>, <c>/rsvp/{token}</c>: "rsvp" in a path is
/// the personal link): too short or too long ones are unknown without asking the database; a delegate's link answers nothing.
/// </summary>
internal static class LinkTokens
{
    public static string Checked(string token) =>
        Domain.Meetings.Invitation.MayBeToken(token) ? token : throw NotFoundException.Invitation();

    /// <summary>
    /// Why an answer by a token that answers no invitation was refused: a delegate's own link shows the invitation but
    /// does not answer it (403, so that a delegate cannot change the department's answer or pass the invitation on);
    /// any other token stays unknown (404).
    /// </summary>
    public static async Task<Exception> WhyNoAnswer(MeetingsDbContext db, string token, NotFoundException unknown, CancellationToken ct) =>
        await db.Invitations.AnyAsync(i => i.DelegateToken == token, ct)
            ? new Common.ForbiddenException("This is a delegate's link: it shows the invitation, but the answer is the invitee's. Ask them, or the office, to change it.")
            : unknown;
}
