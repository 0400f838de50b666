using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Features.AnswerPage;

/// <summary>The invitation behind a personal link (the invitee's or the delegate's), with its department's deputy.</summary>
public sealed record LinkedInvitation(Invitation Invitation, Person? Deputy)
{
    /// <summary>The language of the person whose link <paramref name="token"/> is: the invitee's, or the delegate's.</summary>
    public string? LanguageOf(string token) => Invitation.Token == token ? Invitation.Recipient.Language : Invitation.Delegate?.Language;
}

/// <summary>
/// The invitation behind a personal link, read once per request (scoped): the page's language
/// (<see cref="Common.PersonalLinkLanguage"/>, before the page) and the page itself (<see cref="GetAnswerPageHandler"/>)
/// ask for the same row. One query, compiled once. Read untracked, before anything of the request is written: a
/// use case that changes the invitation reads it again its own way.
/// </summary>
internal sealed class LinkedInvitations(MeetingsDbContext db)
{
    // A join on the primary key: a subquery for the owned deputy would make EF number every department's rows.
    private static readonly Func<MeetingsDbContext, string, CancellationToken, Task<LinkedInvitation?>> ByToken = EF.CompileAsyncQuery(
        (MeetingsDbContext db, string token, CancellationToken ct) => (
                from i in db.Invitations.AsNoTracking()
                where i.Token == token || i.DelegateToken == token
                join d in db.Departments on i.DepartmentId equals d.Id into departments
                from d in departments.DefaultIfEmpty()
                select new LinkedInvitation(i, d == null ? null : d.Deputy))
            .SingleOrDefault());

    private (string Token, LinkedInvitation? Found)? _read;

    public async Task<LinkedInvitation?> FindAsync(string token, CancellationToken ct)
    {
        if (_read is { } read && string.Equals(read.Token, token, StringComparison.Ordinal))
        {
            return read.Found;
        }

        var found = await ByToken(db, token, ct);
        _read = (token, found);
        return found;
    }
}
