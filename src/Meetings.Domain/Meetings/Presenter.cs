using Meetings.Domain.Common;
using Meetings.Domain.Directory;

namespace Meetings.Domain.Meetings;

public enum PresenterKind
{
    Host,
    Department,
    Speaker,
}

/// <summary>
/// Who presents an agenda item: a host by name, a department of the directory, or a speaker confirmed for the
/// meeting. <see cref="RefId"/> names the department or the speaker.
/// </summary>
public sealed record Presenter
{
    private Presenter(PresenterKind kind, Guid? refId, string name)
    {
        Kind = kind;
        RefId = refId;
        Name = name;
    }

    public PresenterKind Kind { get; private init; }
    public Guid? RefId { get; private init; }
    public string Name { get; private init; }

    /// <summary>A host, named as the agenda shows them.</summary>
    public static Presenter Host(string? name)
    {
        var errors = new ValidationErrors();
        var valid = errors.Text("presenter.name", name, Person.NameMaxLength);
        errors.ThrowIfAny();
        return new Presenter(PresenterKind.Host, null, valid);
    }

    /// <summary>A department; shown by its name unless another is given.</summary>
    public static Presenter Of(Department department, string? name = null)
    {
        var errors = new ValidationErrors();
        var shown = string.IsNullOrWhiteSpace(name) ? department.Name : errors.Text("presenter.name", name, Person.NameMaxLength);
        errors.ThrowIfAny();
        return new Presenter(PresenterKind.Department, department.Id, shown);
    }

    /// <summary>A guest speaker: only one confirmed for this very meeting may present in it.</summary>
    public static Presenter Of(Speaker speaker, Meeting meeting) =>
        speaker.MeetingId == meeting.Id && speaker.Status == SpeakerStatus.Confirmed
            ? new Presenter(PresenterKind.Speaker, speaker.Id, speaker.Name)
            : throw DomainValidationException.For("presenter.refId", "must name a confirmed speaker of this meeting.");

    /// <summary>Whether this presenter is the speaker (whose talks leave the agenda when the speaker is withdrawn).</summary>
    public bool Is(Speaker speaker) => Kind == PresenterKind.Speaker && RefId == speaker.Id;
}
