using Meetings.Api;
using Meetings.Api.Common;

var builder = WebApplication.CreateBuilder(Startup.HostOptions(args)); // the service's folder as content root, wherever it starts
builder.AddMeetingsApi();

var app = builder.Build();
if (!await app.SettingsHoldAsync())
{
    return 1; // a configuration value that cannot work: one line names it (SettingChecks)
}

app.UseMeetingsApi();
app.MapMeetingsEndpoints();
return await app.RunMeetingsAsync(); // the port first, then the database (StartupSequence)

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
