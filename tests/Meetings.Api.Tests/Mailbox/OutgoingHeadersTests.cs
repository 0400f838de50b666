using System.Net;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Infrastructure.Mail.Composition;

namespace Meetings.Api.Tests.Mailbox;

/// <summary>The headers of every mail (SPEC "Headers of every mail"), as the SMTP server receives them.</summary>
public sealed class OutgoingHeadersTests(BounceAddressApp app) : IClassFixture<BounceAddressApp>
{
    [Fact]
    public async Task Every_mail_is_auto_generated_names_its_row_in_the_from_domain_and_bounces_to_the_bounce_address()
    {
        var admin = app.Admin();
        await admin.CreateDepartment();
        var meeting = await admin.CreatePublished(await admin.CreateSeries(), MeetingsApp.Start.AddDays(30));
        await app.Dispatch();

        var mails = app.Smtp.Received.Where(m => m.Headers["X-Meetings-Meeting"] == meeting).ToList();
        var rows = (await (await admin.GetAsync($"/api/meetings/{meeting}/deliveries?status=sent&take=200")).Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(mails);
        foreach (var mail in mails)
        {
            var row = Assert.Single(rows, r => Guid.Parse(r.Str("id")) == MessageIds.RowOf(mail.MessageId)); // the Message-ID names the ledger's row as the API shows it
            Assert.Equal(row.GetProperty("recipient").Str("email"), mail.To.Mailboxes.Single().Address, ignoreCase: true);
            Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
            Assert.Equal("OOF, AutoReply", mail.Headers["X-Auto-Response-Suppress"]);
            Assert.EndsWith("@augsburg.example", mail.MessageId, StringComparison.Ordinal);
            Assert.NotNull(MessageIds.RowOf(mail.MessageId));
            Assert.Equal(BounceAddressApp.Bounces, app.Smtp.EnvelopeSenders[mail.MessageId!]);
        }
    }
}

/// <summary>Without <c>Mail:BounceAddress</c> the envelope sender is <c>Mail:From</c>.</summary>
public sealed class DefaultEnvelopeSenderTests(MailingMeetingsApp app) : IClassFixture<MailingMeetingsApp>
{
    [Fact]
    public async Task Without_a_bounce_address_bounces_go_to_the_from_address()
    {
        var admin = app.Admin();
        await admin.CreateDepartment();
        var meeting = await admin.CreatePublished(await admin.CreateSeries(), MeetingsApp.Start.AddDays(30));
        await app.Dispatch();

        var mails = app.Smtp.Received.Where(m => m.Headers["X-Meetings-Meeting"] == meeting).ToList();
        Assert.NotEmpty(mails);
        Assert.All(mails, mail => Assert.Equal("amtsleitung@augsburg.example", app.Smtp.EnvelopeSenders[mail.MessageId!]));
    }
}

public sealed class BounceAddressApp : MailingMeetingsApp
{
    public const string Bounces = "bounces@augsburg.example";

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mail:BounceAddress", Bounces);
    }
}

/// <summary>Mails written to the pickup directory are prepared as for SMTP.</summary>
public sealed class PickupHeadersTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    [Fact]
    public async Task A_pickup_file_has_the_headers_is_7_bit_and_has_no_line_over_998_characters()
    {
        var admin = app.Admin();
        await admin.CreateDepartment();
        await admin.CreatePublished(await admin.CreateSeries(), MeetingsApp.Start.AddDays(30));
        await app.Dispatch();

        var files = System.IO.Directory.GetFiles(app.PickupDirectory, "*.eml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.All(bytes, b => Assert.True(b < 128, "8-bit byte in a pickup file"));
            var text = System.Text.Encoding.ASCII.GetString(bytes);
            Assert.All(text.Split("\r\n"), line => Assert.True(line.Length <= 998, $"a line of {line.Length} characters"));
            Assert.Contains("Auto-Submitted: auto-generated\r\n", text, StringComparison.Ordinal);
            Assert.Contains("X-Auto-Response-Suppress: OOF, AutoReply\r\n", text, StringComparison.Ordinal);
        }
    }
}
