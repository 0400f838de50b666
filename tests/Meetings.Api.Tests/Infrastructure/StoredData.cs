using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>
/// Reads and writes the service's database past its API: personal tokens (which responses do not carry), and stored
/// values written around the domain's rules, as data from before a rule would be.
/// </summary>
public static partial class StoredData
{
    /// <summary>The invitation's personal token (the invitee's link), as stored.</summary>
    public static Task<string> TokenOf(this MeetingsApp app, string invitationId) =>
        app.Db(db => db.Invitations.AsNoTracking().Where(i => i.Id == Guid.Parse(invitationId)).Select(i => i.Token).SingleAsync());

    /// <summary>
    /// Writes <paramref name="values"/> into the stored <typeparamref name="T"/> with id <paramref name="id"/>, around the
    /// domain: each path is a property, an owned value's property (<c>Recipient.Email</c>, <c>Location.Room</c>) or an owned
    /// collection element's (<c>Hosts[0].Name</c>, <c>Entries[1].Text</c>). PostgreSQL refuses what SQLite keeps — a NUL, a
    /// text longer than its column — so there a text is stored as far as the column takes it.
    /// </summary>
    public static Task Overwrite<T>(this MeetingsApp app, Guid id, params (string Path, object? Value)[] values)
        where T : class =>
        app.Db(async db =>
        {
            var entity = await db.Set<T>().SingleAsync(e => EF.Property<Guid>(e, "Id") == id);
            foreach (var (path, value) in values)
            {
                var parts = path.Split('.');
                EntityEntry entry = db.Entry(entity);
                foreach (var owned in parts[..^1])
                {
                    entry = OwnedEntry(db, entry, owned) ?? throw new InvalidOperationException($"{typeof(T).Name} {id} has no {owned}.");
                }

                var property = entry.Property(parts[^1]);
                property.CurrentValue = value is string text && db.Database.IsNpgsql() ? Storable(text, property.Metadata.GetMaxLength()) : value;
            }

            return await db.SaveChangesAsync();
        });

    /// <summary>A text as PostgreSQL stores it: without NUL, at most <paramref name="maxLength"/> characters.</summary>
    public static string Storable(string text, int? maxLength)
    {
        var stored = text.Replace("\0", string.Empty, StringComparison.Ordinal);
        return maxLength is { } max && stored.Length > max ? stored[..max] : stored;
    }

    private static EntityEntry? OwnedEntry(DbContext db, EntityEntry entry, string segment)
    {
        var bracket = segment.IndexOf('[', StringComparison.Ordinal);
        if (bracket < 0)
        {
            return entry.Reference(segment).TargetEntry;
        }

        var index = int.Parse(segment[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        var element = ((System.Collections.IEnumerable)entry.Collection(segment[..bracket]).CurrentValue!).Cast<object>().ElementAt(index);
        return db.Entry(element);
    }

    /// <summary>
    /// Posts the answer page's form as a browser does: the page first (its antiforgery cookie and field), then the form.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAnswerPage(this HttpClient browser, string token, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await browser.GetStringAsync($"/rsvp/{token}");
        var field = AntiforgeryField().Match(page);
        Assert.True(field.Success, "the page has no antiforgery field");
        var value = System.Net.WebUtility.HtmlDecode(ValueOf().Match(field.Value).Groups[1].Value);
        return await browser.PostAsync($"/rsvp/{token}", new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", value))));
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*>""")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueOf();
}
