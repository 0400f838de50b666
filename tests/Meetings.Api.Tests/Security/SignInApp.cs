using System.Net.Http.Headers;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Meetings.Api.Tests.Security;

/// <summary>The service signed in with a real OpenID provider the test started (<see cref="OpenIdProvider"/>, on loopback).</summary>
public sealed class SignInApp : MeetingsApp
{
    public const string SwaggerClientId = "meetings-swagger";

    public OpenIdProvider Provider { get; } = OpenIdProvider.StartAsync().GetAwaiter().GetResult();

    /// <summary>A client that sends <paramref name="token"/> as <c>Authorization: Bearer</c>.</summary>
    public HttpClient WithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:Oidc:Authority", Provider.Authority);
        builder.UseSetting("Auth:Oidc:Audience", OpenIdProvider.Audience);
        builder.UseSetting("Auth:Oidc:RequireHttpsMetadata", "false"); // the provider is on loopback, over http
        builder.UseSetting("Auth:Oidc:SwaggerClientId", SwaggerClientId);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
