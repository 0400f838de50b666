using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Meetings.Api.Tests.Infrastructure;
using MimeKit;

namespace Meetings.Api.Tests.Mail;

/// <summary>The service as a fresh <c>dotnet run</c> has it, without <c>Mail:RsvpBaseUrl</c>.</summary>
public sealed class DefaultLinkApp : MeetingsApp
{
    protected override string? RsvpBaseUrl => null;
}

/// <summary>Out of the box the personal link in every mail opens the service's own answer page.</summary>
public sealed partial class DefaultLinkTests(DefaultLinkApp app) : IClassFixture<DefaultLinkApp>
{
    [Fact]
    public async Task The_link_in_a_mail_of_a_fresh_start_opens_the_answer_page_where_dotnet_run_serves_it()
    {
        var admin = app.Admin();
        await admin.CreateDepartment();
        var meeting = await admin.CreatePublished(await admin.CreateSeries(), app.Clock.GetUtcNow().AddDays(30));
        await app.Dispatch();

        var mail = await MimeMessage.LoadAsync(System.IO.Directory.EnumerateFiles(app.PickupDirectory, "*.eml").First());
        var link = new Uri(Link().Match(mail.TextBody ?? string.Empty).Value);
        var page = await app.Anonymous().GetAsync(link.PathAndQuery);
        var title = (await (await admin.GetAsync($"/api/meetings/{meeting}")).Json(HttpStatusCode.OK)).Str("title");

        Assert.Equal(DevelopmentAddress(), link.GetLeftPart(UriPartial.Authority));
        Assert.StartsWith("/rsvp/", link.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains(WebUtility.HtmlEncode(title), await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Where <c>dotnet run --project src/Meetings.Api</c> listens (its launch profile).</summary>
    private static string DevelopmentAddress()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Meetings.sln")))
        {
            root = root.Parent;
        }

        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(root!.FullName, "src", "Meetings.Api", "Properties", "launchSettings.json")));
        return settings.RootElement.GetProperty("profiles").GetProperty("Meetings.Api").GetProperty("applicationUrl").GetString()!;
    }

    [GeneratedRegex(@"https?://\S+/rsvp/[A-Za-z0-9_-]+")]
    private static partial Regex Link();
}
