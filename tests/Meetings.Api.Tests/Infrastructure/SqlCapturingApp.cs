using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Meetings.Api.Tests.Infrastructure;

/// <summary>The service with <see cref="Sql"/> registered as an EF interceptor: the SQL its requests run, for tests that count or explain it.</summary>
public class SqlCapturingApp : MeetingsApp
{
    public SqlCapture Sql { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Sql));
    }
}
