using System.Globalization;

namespace Meetings.Infrastructure.Mail.Composition;

/// <summary>
/// What a mail says, in its recipient's language, before it is written: the templates <c>Templates/LetterHtml.razor</c>
/// and <c>Templates/LetterText.razor</c> turn the same letter into the HTML and the plain-text part.
/// </summary>
/// <param name="Paragraphs">What happened and what to do, before the button.</param>
/// <param name="Button">The one thing to do, right under the lead, before the meeting's facts.</param>
/// <param name="Protocol">The minutes (Ergebnisprotokoll), after the paragraphs.</param>
/// <param name="Subscription">"Alle Termine abonnieren": the recipient's personal feed, after the meeting's facts (invitations to a person of the directory).</param>
/// <param name="Documents">The meeting's documents with links through the recipient's personal link, after the meeting's facts (invitation, update, reminder).</param>
public sealed record Letter(
    CultureInfo Culture,
    string Subject,
    string Greeting,
    IReadOnlyList<string> Paragraphs,
    LetterButton? Button,
    MeetingFacts? Meeting,
    string Closing,
    string? Signature,
    string Footer,
    Protocol? Protocol = null,
    LetterSubscription? Subscription = null,
    LetterDocuments? Documents = null)
{
    public string Language => Culture.TwoLetterISOLanguageName;
}

/// <summary>The link a mail asks its reader to follow, with its hint.</summary>
public sealed record LetterButton(string Text, string Url, string? Hint);

/// <summary>The documents a mail lists under <paramref name="Heading"/>: links, never attachments.</summary>
public sealed record LetterDocuments(string Heading, IReadOnlyList<LetterDocument> Items);

/// <summary>One document: its title, its download through the personal link, and what it is ("zu „Stand der E-Akte“, PDF, 2 KB").</summary>
public sealed record LetterDocument(string Title, string Url, string Facts);

/// <summary>The recipient's personal calendar feed: the <c>webcal://</c> link to click, the https address to copy.</summary>
public sealed record LetterSubscription(string Text, string WebcalUrl, string Hint);

/// <summary>The meeting as a mail describes it: when, where, the agenda as a table, the guests.</summary>
/// <param name="Agenda">Null: the mail shows no agenda; empty: "the agenda will follow".</param>
public sealed record MeetingFacts(
    string? SeriesName,
    string Title,
    string? Motto,
    string When,
    string? Where,
    string? OnlineUrl,
    IReadOnlyList<AgendaLine>? Agenda,
    IReadOnlyList<string> Guests,
    FactLabels Labels);

/// <summary>One agenda item in local time.</summary>
public sealed record AgendaLine(string Time, string Title, string? Presenter);

/// <summary>The labels of the facts, in the letter's language.</summary>
public sealed record FactLabels(
    string When, string Where, string Online, string Agenda, string AgendaFollows, string Time, string Topic, string Presenter, string Guests);
