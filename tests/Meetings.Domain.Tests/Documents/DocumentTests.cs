using System.IO.Compression;
using System.Text;
using Meetings.Domain.Common;
using Meetings.Domain.Documents;
using Meetings.Domain.Meetings;
using Meetings.Domain.Topics;
using static Meetings.Domain.Tests.Meetings.MeetingBuilder;

namespace Meetings.Domain.Tests.Documents;

public sealed class DocumentTests
{
    private static readonly DateTimeOffset InAMonth = Now.AddDays(30);

    private static StoredContent Pdf(string? name = "Folien.pdf") => new(Guid.NewGuid(), name, ContentKinds.Pdf, 1234, new string('a', 64));

    private static (Meeting Meeting, Topic Topic) MeetingWithTopic(string departmentCode = "10")
    {
        var meeting = Draft(Series(), InAMonth);
        var department = Department(departmentCode);
        var call = TopicCall.Open(meeting, new TopicCallInput(InAMonth.AddDays(-7), null), [department], Now);
        var topic = Topic.Propose(meeting, call, department, new TopicInput("E-Akte", null, 20, false, null, null), 0, Now);
        return (meeting, topic);
    }

    [Theory]
    [InlineData("%PDF-1.7\n", ContentKinds.Pdf)]
    [InlineData("\u0089PNG\r\n\u001a\n....", ContentKinds.Png)]
    [InlineData("\u00ff\u00d8\u00ff\u00e0JFIF", ContentKinds.Jpeg)]
    public void Pdf_png_and_jpeg_are_known_by_their_magic_numbers(string head, string expected)
    {
        using var content = new MemoryStream(Encoding.Latin1.GetBytes(head));

        Assert.Equal(expected, ContentKinds.Judge(content));
    }

    [Theory]
    [InlineData("word/document.xml", ContentKinds.Docx)]
    [InlineData("xl/workbook.xml", ContentKinds.Xlsx)]
    [InlineData("ppt/presentation.xml", ContentKinds.Pptx)]
    public void Office_open_xml_is_known_by_its_content_types_and_main_part(string part, string expected)
    {
        using var content = Zip(("[Content_Types].xml", "<Types/>"), (part, "<x/>"));

        Assert.Equal(expected, ContentKinds.Judge(content));
    }

    [Theory]
    [InlineData(ContentKinds.Odt)]
    [InlineData(ContentKinds.Ods)]
    [InlineData(ContentKinds.Odp)]
    public void Open_document_is_known_by_its_first_stored_mimetype_entry(string type)
    {
        using var content = Zip(("mimetype", type), ("content.xml", "<x/>"));

        Assert.Equal(type, ContentKinds.Judge(content));
    }

    [Fact]
    public void Text_a_plain_zip_and_an_odf_with_an_unknown_mimetype_are_none()
    {
        using var text = new MemoryStream("Dies ist kein PDF, nur Text mit .pdf im Namen."u8.ToArray());
        using var zip = Zip(("readme.txt", "hallo"));
        using var odf = Zip(("mimetype", "application/x-unknown"), ("content.xml", "<x/>"));
        using var broken = new MemoryStream([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]);

        Assert.Null(ContentKinds.Judge(text));
        Assert.Null(ContentKinds.Judge(zip));
        Assert.Null(ContentKinds.Judge(odf));
        Assert.Null(ContentKinds.Judge(broken));
    }

    [Theory]
    [InlineData(@"C:\Users\amt10\Folien.pdf", "Folien.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("Prä\r\nsentation\u0000.pdf", "Präsentation.pdf")]
    [InlineData("rechnung\u202Efdp.exe", "rechnungfdp.exe")]
    [InlineData("  ", DocumentFileName.Fallback)]
    [InlineData(null, DocumentFileName.Fallback)]
    public void A_file_name_is_kept_without_path_or_control_characters(string? raw, string expected) =>
        Assert.Equal(expected, DocumentFileName.Clean(raw));

    [Fact]
    public void A_long_file_name_keeps_its_extension()
    {
        var name = DocumentFileName.Clean(new string('x', 500) + ".pptx");

        Assert.Equal(DocumentFileName.MaxLength, name.Length);
        Assert.EndsWith(".pptx", name, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_of_a_topic_belongs_to_the_topics_department_and_versions_count_up()
    {
        var (meeting, topic) = MeetingWithTopic();

        var document = Document.Create(meeting, new DocumentInput("Projektstand", null, null, topic.Id, null), topic, null, Pdf(), "Amt 10", Now);
        document.AddVersion(Pdf("Projektstand v2.pdf"), "Amt 10", Now.AddHours(1));

        Assert.Equal(DocumentAudience.Invitees, document.Audience);
        Assert.Equal(topic.DepartmentId, document.DepartmentId);
        Assert.Equal(2, document.Current.Number);
        Assert.Equal("Projektstand v2.pdf", document.Current.FileName);
        Assert.Equal("Folien.pdf", document.VersionNumbered(1)!.FileName);
    }

    [Fact]
    public void A_document_needs_a_title_and_the_meetings_own_item_topic_and_speaker()
    {
        var (meeting, topic) = MeetingWithTopic();
        var (other, otherTopic) = MeetingWithTopic();

        var errors = Assert.Throws<DomainValidationException>(() => Document.Create(
            meeting, new DocumentInput(" ", null, Guid.NewGuid(), otherTopic.Id, Guid.NewGuid()), otherTopic, null, Pdf(), "Büro", Now)).Errors;

        Assert.Equal(["agendaItemId", "speakerId", "title", "topicId"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.NotEqual(other.Id, meeting.Id);
        Assert.NotNull(topic);
    }

    [Fact]
    public void Only_known_content_types_are_stored()
    {
        var (meeting, _) = MeetingWithTopic();

        Assert.Throws<DomainValidationException>(() => Document.Create(
            meeting, new DocumentInput("Text", null, null, null, null), null, null, Pdf() with { ContentType = "text/plain" }, "Büro", Now));
    }

    [Fact]
    public void A_withdrawn_document_takes_no_new_version_and_is_read_by_nobody()
    {
        var (meeting, _) = MeetingWithTopic();
        var document = Document.Create(meeting, new DocumentInput("Einladung", null, null, null, null), null, null, Pdf(), "Büro", Now);

        document.Withdraw(Now);

        Assert.Throws<DomainException>(() => document.AddVersion(Pdf(), "Büro", Now));
        Assert.Throws<DomainException>(() => document.Withdraw(Now));
        Assert.False(DocumentReader.Office.MayRead(document));
        Assert.False(DocumentReader.Link.MayRead(document));
    }

    [Fact]
    public void The_office_uploads_anything_a_department_for_its_own_topic_a_partner_for_its_own_speaker()
    {
        var (_, topic) = MeetingWithTopic("10");
        var own = DocumentReader.Department(topic.DepartmentId, invited: true);
        var other = DocumentReader.Department(Guid.NewGuid(), invited: true);
        var city = Guid.NewGuid();

        Assert.True(DocumentReader.Office.MayUpload(null, null));
        Assert.True(own.MayUpload(topic.DepartmentId, null));
        Assert.False(own.MayUpload(null, null));
        Assert.False(other.MayUpload(topic.DepartmentId, null));
        Assert.True(DocumentReader.Partner(city, false).MayUpload(null, city));
        Assert.False(DocumentReader.Partner(city, false).MayUpload(null, Guid.NewGuid()));
        Assert.False(DocumentReader.Partner(city, false).MayUpload(topic.DepartmentId, null));
        Assert.False(DocumentReader.Link.MayUpload(topic.DepartmentId, null));
    }

    [Fact]
    public void Readers_see_their_own_documents_and_invitees_documents_of_meetings_they_were_invited_to()
    {
        var (meeting, topic) = MeetingWithTopic("10");
        var city = Guid.NewGuid();
        var forInvitees = Document.Create(meeting, new DocumentInput("Tagesordnung", DocumentAudience.Invitees, null, null, null), null, null, Pdf(), "Büro", Now);
        var forOffice = Document.Create(meeting, new DocumentInput("Vermerk", DocumentAudience.Office, null, null, null), null, null, Pdf(), "Büro", Now);
        var ofTopic = Document.Create(meeting, new DocumentInput("Projektstand", DocumentAudience.Office, null, topic.Id, null), topic, null, Pdf(), "Amt 10", Now);

        Assert.All([forInvitees, forOffice, ofTopic], d => Assert.True(DocumentReader.Office.MayRead(d)));
        Assert.True(DocumentReader.Department(topic.DepartmentId, invited: false).MayRead(ofTopic));
        Assert.False(DocumentReader.Department(topic.DepartmentId, invited: false).MayRead(forInvitees));
        Assert.True(DocumentReader.Department(Guid.NewGuid(), invited: true).MayRead(forInvitees));
        Assert.False(DocumentReader.Department(Guid.NewGuid(), invited: true).MayRead(forOffice));
        Assert.False(DocumentReader.Department(Guid.NewGuid(), invited: true).MayRead(ofTopic));
        Assert.True(DocumentReader.Partner(city, invited: true).MayRead(forInvitees));
        Assert.False(DocumentReader.Partner(city, invited: false).MayRead(forInvitees));
        Assert.False(DocumentReader.Partner(city, invited: true).MayRead(forOffice));
        Assert.True(DocumentReader.Link.MayRead(forInvitees));
        Assert.False(DocumentReader.Link.MayRead(forOffice));
        Assert.False(DocumentReader.Link.MayRead(ofTopic));
    }

    private static MemoryStream Zip(params (string Name, string Text)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                var entry = zip.CreateEntry(name, name == "mimetype" ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
                using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }

        stream.Position = 0;
        return stream;
    }
}
