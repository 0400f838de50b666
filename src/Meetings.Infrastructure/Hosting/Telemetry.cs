using System.Diagnostics;

namespace Meetings.Infrastructure.Hosting;

/// <summary>
/// The service's own telemetry, named in one place. <see cref="Source"/> is the one <see cref="ActivitySource"/> of the
/// service's machinery: the mail dispatch starts its spans on it (<c>Mail/Dispatch/DispatchTracing.cs</c>: one per batch,
/// one per mail), and so does every later piece of machinery — the mailbox reader too — with a span name of its own
/// (<c>mail.dispatch</c>, <c>mail.send</c>, …) and attributes under <c>meetings.</c>. The Api exports it with ASP.NET
/// Core's and EF Core's spans over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (<c>Common/TelemetrySetup.cs</c>);
/// without it nothing listens, and starting a span costs a check that returns null.
/// </summary>
public static class Telemetry
{
    /// <summary><c>service.name</c> of traces and metrics (<c>target_info</c>), unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "meetings";

    /// <summary>The name of <see cref="Source"/>.</summary>
    public const string SourceName = "Meetings";

    public static readonly ActivitySource Source = new(SourceName);
}
