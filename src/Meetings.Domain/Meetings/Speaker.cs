using System.Linq.Expressions;
using Meetings.Domain.Common;
using Meetings.Domain.Directory;

namespace Meetings.Domain.Meetings;

public enum SpeakerStatus
{
    Proposed,
    Confirmed,
    Rejected,
    Withdrawn,
}

/// <summary>
/// A guest speaker a partner city proposes for a meeting. The city registers and edits the proposal;
/// the mayor's office confirms or rejects it; the city may withdraw it.
/// </summary>
public sealed class Speaker : AggregateRoot, IVersioned
{
    public const int TextMaxLength = 200;
    public const int AbstractMaxLength = 4000;
    public const int ReasonMaxLength = 1000;

    private Speaker()
    {
        Name = Title = Organization = Email = TalkTitle = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public Guid CityId { get; private set; }
    public string Name { get; private set; }
    public string Title { get; private set; }
    public string Organization { get; private set; }
    public string Email { get; private set; }
    public string TalkTitle { get; private set; }
    public string? Abstract { get; private set; }
    public int RequestedMinutes { get; private set; }
    public SpeakerStatus Status { get; private set; }
    public string? DecisionReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>Registers a proposal of a partner city for a meeting that is a draft or published and ahead.</summary>
    public static Speaker Register(Meeting meeting, City city, SpeakerInput input, DateTimeOffset now)
    {
        EnsureOpen(meeting, now);
        if (city.Kind != CityKind.Partner)
        {
            throw DomainValidationException.For("cityId", "must be a partner city.");
        }

        var speaker = new Speaker { Id = Ids.New(), MeetingId = meeting.Id, CityId = city.Id, Status = SpeakerStatus.Proposed, CreatedAt = now };
        speaker.Apply(input, now);
        return speaker;
    }

    /// <summary>Edits the proposal; only while it is proposed.</summary>
    public void Edit(Meeting meeting, SpeakerInput input, DateTimeOffset now)
    {
        EnsureOpen(meeting, now);
        if (Status != SpeakerStatus.Proposed)
        {
            throw new DomainException($"The speaker is {StatusName(Status)}; only a proposed speaker can be edited.");
        }

        Apply(input, now);
    }

    /// <summary>
    /// The office confirms a proposal: the speaker and the city are told, the speaker is invited (at once, or when the
    /// draft is published) and, when asked, the talk joins the agenda at <paramref name="position"/> with the requested
    /// minutes — a talk that does not fit refuses the whole confirmation (409).
    /// </summary>
    public void Confirm(Meeting meeting, bool addToAgenda, int? position, DateTimeOffset now)
    {
        EnsureOpen(meeting, now);
        if (Status != SpeakerStatus.Proposed)
        {
            throw new DomainException($"The speaker is {StatusName(Status)}; only a proposed speaker can be confirmed.");
        }

        Status = SpeakerStatus.Confirmed;
        DecisionReason = null;
        UpdatedAt = now;
        if (addToAgenda)
        {
            meeting.Agenda.Add(new AgendaItemInput(TalkTitle, Abstract, RequestedMinutes, AgendaItemKind.Talk), Presenter.Of(this, meeting), position);
        }

        meeting.InviteSpeaker(this, now);
        Raise(new SpeakerConfirmed(this, now));
    }

    public void Reject(Meeting meeting, string? reason, DateTimeOffset now)
    {
        EnsureOpen(meeting, now);
        var errors = new ValidationErrors();
        var validReason = errors.MultilineText("reason", reason, ReasonMaxLength);
        errors.ThrowIfAny();
        if (Status != SpeakerStatus.Proposed)
        {
            throw new DomainException($"The speaker is {StatusName(Status)}; only a proposed speaker can be rejected.");
        }

        Status = SpeakerStatus.Rejected;
        DecisionReason = validReason;
        UpdatedAt = now;
        Raise(new SpeakerRejected(this, now));
    }

    /// <summary>
    /// The city withdraws its speaker, proposed or confirmed. A confirmed speaker's talks leave the agenda, the
    /// invitation is withdrawn and the organizer is told.
    /// </summary>
    public void Withdraw(Meeting meeting, DateTimeOffset now)
    {
        EnsureOpen(meeting, now);
        if (Status is SpeakerStatus.Rejected or SpeakerStatus.Withdrawn)
        {
            throw new DomainException($"The speaker is {StatusName(Status)} already.");
        }

        var wasConfirmed = Status == SpeakerStatus.Confirmed;
        Status = SpeakerStatus.Withdrawn;
        UpdatedAt = now;
        if (wasConfirmed)
        {
            meeting.DropSpeaker(this, now);
            Raise(new SpeakerWithdrawn(this, now));
        }
    }

    /// <summary>Speakers of one partner city: a partner key sees and changes only these.</summary>
    public static Expression<Func<Speaker, bool>> OfCity(Guid cityId) => s => s.CityId == cityId;

    /// <summary>
    /// Another proposed or confirmed speaker of the same city for the meeting with the same e-mail: a city may not propose
    /// the same person twice. Only the city's own speakers count — a partner city learns nothing of another's (two cities
    /// may propose the same person; the office decides).
    /// </summary>
    public Expression<Func<Speaker, bool>> SameActiveProposal()
    {
        var (id, meetingId, cityId, email) = (Id, MeetingId, CityId, Email);
        return s => s.MeetingId == meetingId && s.CityId == cityId && s.Id != id && s.Email == email
                    && (s.Status == SpeakerStatus.Proposed || s.Status == SpeakerStatus.Confirmed);
    }

    public DomainException ProposedTwice() => new($"{Email} is already proposed by this city as a speaker for this meeting.");

    public Person AsPerson() => Person.FromStored(Name, Email, Title);

    private static void EnsureOpen(Meeting meeting, DateTimeOffset now) => Proposals.EnsureOpen(meeting, now, "Speakers");

    private static string StatusName(SpeakerStatus status) => status.ToString().ToLowerInvariant();

    private void Apply(SpeakerInput input, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var name = errors.Text("name", input.Name, TextMaxLength);
        var title = errors.Text("title", input.Title, TextMaxLength);
        var organization = errors.Text("organization", input.Organization, TextMaxLength);
        var email = errors.Email("email", input.Email);
        var talkTitle = errors.Text("talkTitle", input.TalkTitle, TextMaxLength);
        var summary = errors.OptionalMultilineText("abstract", input.Abstract, AbstractMaxLength);
        var minutes = errors.Required("requestedMinutes", input.RequestedMinutes);
        if (input.RequestedMinutes is < AgendaItem.MinMinutes or > AgendaItem.MaxMinutes)
        {
            errors.Add("requestedMinutes", $"must be between {AgendaItem.MinMinutes} and {AgendaItem.MaxMinutes}.");
        }

        errors.ThrowIfAny();
        Name = name;
        Title = title;
        Organization = organization;
        Email = email;
        TalkTitle = talkTitle;
        Abstract = summary;
        RequestedMinutes = minutes;
        UpdatedAt = now;
    }
}

/// <summary>Unvalidated speaker data as it arrives from outside.</summary>
public sealed record SpeakerInput(
    string? Name, string? Title, string? Organization, string? Email, string? TalkTitle, string? Abstract, int? RequestedMinutes);
