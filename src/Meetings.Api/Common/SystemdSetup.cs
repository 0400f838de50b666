using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Meetings.Api.Common;

/// <summary>
/// Under systemd (<c>deploy/meetings.service</c>, <c>Type=notify</c>): the service tells systemd it is ready when the host
/// has started — after <c>StartupSequence</c> has migrated the database and started the work on it, since the host
/// reports its start only once every hosted service's <c>StartedAsync</c> has returned — and that it stops, on
/// <c>SIGTERM</c>. Its console lines then carry journald's priority prefixes (<c>&lt;6&gt;</c>). Started any other way
/// nothing changes. A formatter the operator names (<c>Logging__Console__FormatterName=json</c>) is kept under systemd
/// too: systemd's own support would replace it with its plain one.
/// </summary>
internal static class SystemdSetup
{
    public static WebApplicationBuilder AddMeetingsSystemd(this WebApplicationBuilder builder)
    {
        builder.Services.AddSystemd();
        builder.Services.AddSingleton<IPostConfigureOptions<ConsoleLoggerOptions>, NamedFormatterKept>();
        return builder;
    }

    private sealed class NamedFormatterKept(IConfiguration configuration) : IPostConfigureOptions<ConsoleLoggerOptions>
    {
        public void PostConfigure(string? name, ConsoleLoggerOptions options)
        {
            if (configuration["Logging:Console:FormatterName"] is { Length: > 0 } named)
            {
                options.FormatterName = named;
            }
        }
    }
}
