using System.Linq.Expressions;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Domain.Topics;

namespace Meetings.Domain.Documents;

/// <summary>Who a document is for: every invitee (and their link), or the office alone.</summary>
public enum DocumentAudience
{
    Invitees,
    Office,
}

/// <summary>What a new document says about itself (the multipart form's fields besides the file).</summary>
public sealed record DocumentInput(string? Title, DocumentAudience? Audience, Guid? AgendaItemId, Guid? TopicId, Guid? SpeakerId);

/// <summary>A stored file's facts, judged by the service while it was stored (never taken from the client but the name).</summary>
public sealed record StoredContent(Guid BlobId, string? FileName, string ContentType, long Size, string Sha256);

/// <summary>
/// A document of a meeting (Sitzungsunterlage): a title, who it is for (<see cref="DocumentAudience"/>), what it belongs to
/// (an agenda item, a department's topic, a partner city's speaker) and its versions, the newest being the current one.
/// Uploaded by the office, by a department for its own topic, by a partner city for its own speaker
/// (<see cref="DocumentReader.MayUpload"/>); read as <see cref="DocumentReader.MayRead"/> says. Withdrawing takes it from
/// the meeting for every reader; the row and its versions stay for the audit log.
/// </summary>
public sealed class Document : AggregateRoot, IVersioned
{
    public const int TitleMaxLength = 200;
    public const int UploaderMaxLength = 400;

    private readonly List<DocumentVersion> _versions = [];

    private Document()
    {
        Title = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public string Title { get; private set; }
    public DocumentAudience Audience { get; private set; }
    public Guid? AgendaItemId { get; private set; }
    public Guid? TopicId { get; private set; }
    public Guid? SpeakerId { get; private set; }

    /// <summary>The department whose topic it belongs to (from the topic), which may read and replace it.</summary>
    public Guid? DepartmentId { get; private set; }

    /// <summary>The partner city whose speaker it belongs to (from the speaker), which may read and replace it.</summary>
    public Guid? CityId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public int Version { get; private set; }

    public bool IsWithdrawn => WithdrawnAt is not null;

    public IReadOnlyCollection<DocumentVersion> Versions => _versions;

    /// <summary>The newest version: the document's current content.</summary>
    public DocumentVersion Current => _versions.MaxBy(v => v.Number) ?? throw new InvalidOperationException("A document has at least one version.");

    /// <summary>
    /// A new document of <paramref name="meeting"/>. The agenda item, topic and speaker must be the meeting's (400); a
    /// document of a topic without an agenda item of its own goes to the topic's item once it has one.
    /// </summary>
    public static Document Create(
        Meeting meeting, DocumentInput input, Topic? topic, Speaker? speaker, StoredContent content, string uploadedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(input);
        var errors = new ValidationErrors();
        var title = errors.Text("title", input.Title, TitleMaxLength);
        if (input.AgendaItemId is { } item && meeting.AgendaItems.All(i => i.Id != item))
        {
            errors.Add("agendaItemId", "is not an item of this meeting's agenda.");
        }

        if (input.TopicId is not null && (topic is null || topic.Id != input.TopicId || topic.MeetingId != meeting.Id))
        {
            errors.Add("topicId", "is not a topic of this meeting.");
        }

        if (input.SpeakerId is not null && (speaker is null || speaker.Id != input.SpeakerId || speaker.MeetingId != meeting.Id))
        {
            errors.Add("speakerId", "is not a speaker of this meeting.");
        }

        errors.ThrowIfAny();
        var document = new Document
        {
            Id = Ids.New(),
            MeetingId = meeting.Id,
            Title = title,
            Audience = input.Audience ?? DocumentAudience.Invitees,
            AgendaItemId = input.AgendaItemId ?? (input.TopicId is null ? null : topic!.AgendaItemId),
            TopicId = input.TopicId,
            SpeakerId = input.SpeakerId,
            DepartmentId = input.TopicId is null ? null : topic!.DepartmentId,
            CityId = input.SpeakerId is null ? null : speaker!.CityId,
            CreatedAt = now,
        };
        document._versions.Add(DocumentVersion.Create(document.Id, 1, content, uploadedBy, now));
        return document;
    }

    /// <summary>A new version of the content; the earlier ones stay readable. Not for a withdrawn document (409).</summary>
    public DocumentVersion AddVersion(StoredContent content, string uploadedBy, DateTimeOffset now)
    {
        EnsureNotWithdrawn();
        var version = DocumentVersion.Create(Id, Current.Number + 1, content, uploadedBy, now);
        _versions.Add(version);
        return version;
    }

    /// <summary>Takes the document from the meeting: no reader finds it any more; it stays for the audit log.</summary>
    public void Withdraw(DateTimeOffset now)
    {
        EnsureNotWithdrawn();
        WithdrawnAt = now;
    }

    /// <summary>Version <paramref name="number"/>, or null.</summary>
    public DocumentVersion? VersionNumbered(int number) => _versions.FirstOrDefault(v => v.Number == number);

    /// <summary>The documents <paramref name="reader"/> may read (for queries; <see cref="DocumentReader.MayRead"/> is the same rule).</summary>
    public static Expression<Func<Document, bool>> ReadableBy(DocumentReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var department = reader.DepartmentId;
        var city = reader.CityId;
        return reader.Kind switch
        {
            DocumentReaderKind.Office => d => d.WithdrawnAt == null,
            DocumentReaderKind.Department when reader.Invited =>
                d => d.WithdrawnAt == null && (d.Audience == DocumentAudience.Invitees || d.DepartmentId == department),
            DocumentReaderKind.Department => d => d.WithdrawnAt == null && d.DepartmentId == department,
            DocumentReaderKind.Partner when reader.Invited =>
                d => d.WithdrawnAt == null && (d.Audience == DocumentAudience.Invitees || d.CityId == city),
            DocumentReaderKind.Partner => d => d.WithdrawnAt == null && d.CityId == city,
            _ => d => d.WithdrawnAt == null && d.Audience == DocumentAudience.Invitees,
        };
    }

    private void EnsureNotWithdrawn()
    {
        if (IsWithdrawn)
        {
            throw new DomainException("The document was withdrawn.");
        }
    }
}
