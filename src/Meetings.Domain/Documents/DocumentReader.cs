namespace Meetings.Domain.Documents;

public enum DocumentReaderKind
{
    /// <summary>The mayor's office (an admin key): everything.</summary>
    Office,

    /// <summary>A department key.</summary>
    Department,

    /// <summary>A partner city's key.</summary>
    Partner,

    /// <summary>A person's link (an invitee, a delegate, a speaker) of the meeting.</summary>
    Link,
}

/// <summary>
/// Who reads or uploads documents, and the rules: the office everything; a department its own topics' documents and,
/// when it was invited to the meeting, everything of audience <c>invitees</c>; a partner city its own speakers' documents
/// and, when one of its speakers was invited, everything of audience <c>invitees</c>; a link holder the <c>invitees</c>
/// documents of the link's meeting. Nobody reads a withdrawn document.
/// </summary>
public sealed record DocumentReader(DocumentReaderKind Kind, Guid? DepartmentId = null, Guid? CityId = null, bool Invited = false)
{
    public static DocumentReader Office { get; } = new(DocumentReaderKind.Office);

    /// <summary>A link holder of the document's meeting (the meeting is the link's: another meeting's document is never reached).</summary>
    public static DocumentReader Link { get; } = new(DocumentReaderKind.Link, Invited: true);

    public static DocumentReader Department(Guid departmentId, bool invited) => new(DocumentReaderKind.Department, DepartmentId: departmentId, Invited: invited);

    public static DocumentReader Partner(Guid cityId, bool invited) => new(DocumentReaderKind.Partner, CityId: cityId, Invited: invited);

    /// <summary>
    /// May this caller add a document with this topic and speaker (or replace the content of one that has them)? The office
    /// always; a department only for its own topic; a partner city only for its own speaker; a link holder never.
    /// </summary>
    public bool MayUpload(Guid? topicDepartmentId, Guid? speakerCityId) => Kind switch
    {
        DocumentReaderKind.Office => true,
        DocumentReaderKind.Department => topicDepartmentId is not null && topicDepartmentId == DepartmentId,
        DocumentReaderKind.Partner => speakerCityId is not null && speakerCityId == CityId,
        _ => false,
    };

    /// <summary>May this caller replace the content of (or withdraw) <paramref name="document"/>? Whoever may upload for its topic or speaker.</summary>
    public bool MayChange(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return MayUpload(document.DepartmentId, document.CityId);
    }

    /// <summary>May this caller read <paramref name="document"/>? (<see cref="Document.ReadableBy"/> is the same rule for queries.)</summary>
    public bool MayRead(Document document) => Document.ReadableBy(this).Compile()(document);
}
