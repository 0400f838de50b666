using Meetings.Api.Tests.Infrastructure;

namespace Meetings.Api.Tests.ScaleOut;

/// <summary>One service instance of several on a shared database, sending to a shared mail server.</summary>
public sealed class InstanceApp(TestDatabase database, int smtpPort, bool seedDemo = false, bool jobs = false) : MeetingsApp(database)
{
    protected override int? SmtpPort => smtpPort;

    protected override bool SeedDemo => seedDemo;

    /// <summary>True: this instance's Hangfire server runs (every second), sharing the job storage with the others.</summary>
    protected override bool JobsEnabled => jobs;
}
