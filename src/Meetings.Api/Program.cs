using Meetings.Api;
using Meetings.Infrastructure.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddMeetingsApi();

var app = builder.Build();
app.UseMeetingsApi();
app.MapMeetingsEndpoints();
await app.Services.InitializeDatabaseAsync();
await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
