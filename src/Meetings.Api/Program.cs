using Meetings.Api;
using Meetings.Api.Common;

var builder = WebApplication.CreateBuilder(args);
builder.AddMeetingsApi();

var app = builder.Build();
app.UseMeetingsApi();
app.MapMeetingsEndpoints();
return await app.RunMeetingsAsync(); // the port first, then the database (StartupSequence)

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
