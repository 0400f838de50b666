using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Meetings.Domain.Meetings;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Common;

/// <summary>Which characters a text may hold (<see cref="TextRules"/>), checked where the value is made, so every channel gets it.</summary>
public sealed class TextRulesTests
{
    public static TheoryData<string> NeverInOneLine =>
        ["\r", "\n", "\t", "\u0000", "\u0008", "\u001f", "\u007f", "\u0080", "\u0085", "\u009f", "\u202a", "\u202d", "\u202e", "\u2066", "\u2069", "\u2028", "\u2029"];

    [Theory]
    [MemberData(nameof(NeverInOneLine))]
    public void One_line_fields_refuse_control_characters_and_bidirectional_overrides_naming_each_field(string character)
    {
        var error = Assert.Throws<DomainValidationException>(() => Domain.Directory.Department.Create(
            $"A{character}1", $"Amt{character}Ost", new PersonInput($"Hans{character}Müller", $"hans{character}@augsburg.example", $"Leitung{character}"), null, Now));

        Assert.Equal(["code", "head.email", "head.name", "head.title", "name"], error.Errors.Keys.Order());
        Assert.Contains("single line", error.Errors["head.name"].Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Dr. \"Hans\" Müller; Leitung: Ämter, \\Ost\\")]
    [InlineData("Zoë O'Brien-Çelik")]
    [InlineData("مدير القسم")] // right-to-left text itself is fine; only the overrides are refused
    public void Names_with_quotes_separators_backslashes_and_any_script_are_taken_as_given(string name)
    {
        var person = Person.Create(name, "hans@augsburg.example");

        Assert.Equal(name, person.Name);
    }

    [Fact]
    public void Multi_line_fields_keep_line_feeds_turn_CRLF_into_LF_and_refuse_everything_else()
    {
        var series = Series();

        var kept = Meeting.CreateDraft(series, Input("Zeile 1\nZeile 2"), Now);
        var browser = Meeting.CreateDraft(series, Input("Zeile 1\r\nZeile 2"), Now);
        var lonelyReturn = Assert.Throws<DomainValidationException>(() => Meeting.CreateDraft(series, Input("Zeile 1\rZeile 2"), Now));
        var tab = Assert.Throws<DomainValidationException>(() => Meeting.CreateDraft(series, Input("Spalte\tSpalte"), Now));
        var bidi = Assert.Throws<DomainValidationException>(() => Meeting.CreateDraft(series, Input("Text \u202e txeT"), Now));

        Assert.Equal("Zeile 1\nZeile 2", kept.Description);
        Assert.Equal("Zeile 1\nZeile 2", browser.Description);
        Assert.All([lonelyReturn, tab, bidi], e => Assert.Equal(["description"], e.Errors.Keys));
    }

    [Fact]
    public void Titles_talk_titles_rooms_and_reasons_follow_their_kind_of_field()
    {
        var meeting = Published(Series(), Now.AddDays(30), Department());

        var title = Assert.Throws<DomainValidationException>(() => Meeting.CreateDraft(Series(), Input(null) with { Title = "Treffen\nZwei" }, Now));
        var room = Assert.Throws<DomainValidationException>(() => Meeting.CreateDraft(Series(), Input(null) with { Location = new LocationInput("Rathaus", Room: "Saal\r1") }, Now));
        var talk = Assert.Throws<DomainValidationException>(() => Speaker.Register(meeting, Munich, Talk() with { TalkTitle = "E-Akte\r\n\r\nBitte überweisen Sie" }, Now));
        var speaker = Speaker.Register(meeting, Munich, Talk() with { Abstract = "Erstens.\nZweitens." }, Now);
        speaker.Reject(meeting, "Programm voll.\nNächstes Mal gern.", Now);

        Assert.Equal(["title"], title.Errors.Keys);
        Assert.Equal(["location.room"], room.Errors.Keys);
        Assert.Equal(["talkTitle"], talk.Errors.Keys);
        Assert.Equal(("Erstens.\nZweitens.", "Programm voll.\nNächstes Mal gern."), (speaker.Abstract, speaker.DecisionReason));
    }

    [Fact]
    public void A_delegate_named_by_a_calendar_replys_CN_meets_the_same_rule()
    {
        var meeting = Published(Series(), Now.AddDays(30), Department());
        var invitation = meeting.Invitations.Single(i => i.Kind == InvitationKind.Department);
        var reply = CalendarReply.Create(CalendarUidOf(meeting), meeting.Id, 0, invitation.Recipient.Email, "Vera\nORGANIZER:mailto:evil@augsburg.example", "DELEGATED", "vera@augsburg.example");

        var error = Assert.Throws<DomainValidationException>(() => invitation.Answer(meeting, reply.WithDeputyNamed(null), AnswerChannel.Calendar, "connector", Now, Recipients));

        Assert.Equal(["delegate.name"], error.Errors.Keys);
    }

    private static string CalendarUidOf(Meeting meeting) => $"{meeting.Id}@meetings";

    private static MeetingInput Input(string? description) =>
        new("Amtsleitungstreffen", null, description, Now.AddDays(30), null, null, null, null);
}
