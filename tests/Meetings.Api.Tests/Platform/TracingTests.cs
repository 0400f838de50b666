#if !POSTGRES // a process of its own on SQLite: what it shows does not depend on the provider
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;
using Meetings.Domain.Mail;
using Meetings.Infrastructure.Hosting;
using Meetings.Infrastructure.Mail.Dispatch;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Meetings.Api.Tests.Platform;

/// <summary>
/// SPEC 5, traces and logs, as an operator's collector sees them: the service in a process of its own with the standard
/// variables (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>) and JSON logs
/// (<c>Logging__Console__FormatterName=json</c>); an OTLP/HTTP receiver on loopback (<see cref="OtlpReceiver"/>) and a
/// real SMTP server. The fixture publishes a meeting (one invitation goes out), opens the invitee's link and asks the
/// health and metrics endpoints, then the tests read what arrived.
/// </summary>
public sealed class TracingTests(TracingTests.TracedService service) : IClassFixture<TracingTests.TracedService>
{
    [Fact]
    public void A_request_reaches_the_collector_as_a_span_of_the_service_meetings_with_its_database_commands_under_it()
    {
        var publish = service.Span(s => s.Scope == "Microsoft.AspNetCore" && s["http.route"] == "/api/meetings/{id}/publish");

        Assert.Equal(Telemetry.ServiceName, publish.ServiceName);
        Assert.Equal("POST", publish["http.request.method"]);
        Assert.Equal("200", publish["http.response.status_code"]);
        Assert.Contains(service.Collector.Spans, s => s.ParentSpanId == publish.SpanId && s.TraceId == publish.TraceId
            && s.Scope == "OpenTelemetry.Instrumentation.EntityFrameworkCore");
    }

    [Fact]
    public void A_mail_is_a_span_of_its_own_with_its_outcome_under_the_span_of_its_dispatch_batch()
    {
        var mails = service.Collector.Spans.Where(s => s.Name == "mail.send" && s["meetings.meeting.id"] == service.Meeting).ToList();
        Assert.NotEmpty(mails);
        var mail = mails[0];
        var batch = service.Span(s => s.SpanId == mail.ParentSpanId);

        Assert.Equal((Telemetry.ServiceName, Telemetry.SourceName), (mail.ServiceName, mail.Scope));
        Assert.Equal(("invitation", "sent"), (mail["meetings.mail.kind"], mail["meetings.mail.outcome"]));
        Assert.False(string.IsNullOrEmpty(mail["meetings.delivery.id"]));
        Assert.Equal(("mail.dispatch", mail.TraceId), (batch.Name, batch.TraceId));
        Assert.All(mails, s => Assert.Equal((batch.SpanId, "sent"), (s.ParentSpanId, s["meetings.mail.outcome"]))); // one batch sent the meeting's invitations
        Assert.Equal(mails.Count.ToString(CultureInfo.InvariantCulture), batch["meetings.mail.sent"]);
        Assert.Contains(service.Collector.Spans, s => s.ParentSpanId == batch.SpanId && s.Scope == "OpenTelemetry.Instrumentation.EntityFrameworkCore");
    }

    [Fact]
    public void No_span_carries_a_personal_links_token_and_the_operator_and_health_endpoints_make_none()
    {
        var answer = service.Span(s => s.Scope == "Microsoft.AspNetCore" && s["http.route"] == "/api/rsvp/{token}");

        Assert.Equal("/api/rsvp/{token}", answer["url.path"]);
        Assert.Equal("200", answer["http.response.status_code"]);
        Assert.DoesNotContain(service.Collector.Spans, s => s.Scope == "Microsoft.AspNetCore" && s["url.path"] is { } path
            && (path.StartsWith("/health", StringComparison.Ordinal) || path.StartsWith("/metrics", StringComparison.Ordinal)));
        foreach (var secret in new[] { service.Token, TracedService.MadeUpToken })
        {
            var bytes = Encoding.UTF8.GetBytes(secret);
            Assert.DoesNotContain(service.Collector.Raw, request => request.AsSpan().IndexOf(bytes) >= 0);
        }
    }

    [Fact]
    public void The_metrics_name_the_service_meetings_in_target_info()
    {
        Assert.Contains("target_info{service_name=\"meetings\"", service.Metrics, StringComparison.Ordinal);
    }

    [ToolFact("promtool", "prometheus")]
    public async Task The_metrics_after_requests_and_mail_pass_promtool()
    {
        var (exitCode, output) = await Tools.RunAsync("promtool", ["check", "metrics"], service.Metrics);

        Assert.True(exitCode == 0 && output.Length == 0, $"promtool check metrics: exit code {exitCode}\n{output}");
        Assert.Contains("meetings_mail_send_delay_seconds_bucket{", service.Metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket{", service.Metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(Samples(service.Metrics, "meetings_mail_sent_total"), s => s.Labels.Contains("kind=\"invitation\"", StringComparison.Ordinal) && s.Value == 0);
    }

    [ToolFact("promtool", "prometheus")]
    public async Task The_metrics_of_a_fresh_service_pass_promtool_too() =>
        Assert.Equal((0, string.Empty), await Tools.RunAsync("promtool", ["check", "metrics"], service.MetricsAtStart));

    [Fact]
    public void A_fresh_service_shows_every_mail_counter_at_0_for_every_kind_before_the_first_mail()
    {
        var kinds = Enum.GetValues<DeliveryKind>().Select(k => $"kind=\"{MailMetrics.NameOf(k)}\"").ToList();

        foreach (var counter in new[] { "meetings_mail_sent_total", "meetings_mail_failed_total", "meetings_mail_skipped_total", "meetings_mail_bounced_total" })
        {
            var samples = Samples(service.MetricsAtStart, counter);
            Assert.All(kinds, kind => Assert.Contains(samples, s => s.Labels.Contains(kind, StringComparison.Ordinal)));
            Assert.All(samples, s => Assert.Equal(0, s.Value));
        }

        Assert.Equal(2 * kinds.Count, Samples(service.MetricsAtStart, "meetings_mail_failed_total").Count); // final="true" and "false"
        Assert.NotEmpty(Samples(service.MetricsAtStart, "meetings_mail_dispatch_runs_total"));
        var counters = service.MetricsAtStart.Split('\n').Select(Sample).Where(s => s.Metric.StartsWith("meetings_", StringComparison.Ordinal)
            && s.Metric.EndsWith("_total", StringComparison.Ordinal) && s.Metric != "meetings_mail_dispatch_runs_total").ToList(); // runs: the job server may have polled
        Assert.All(counters, s => Assert.Equal(0, s.Value));
    }

    [Fact]
    public void Every_json_log_line_parses_with_its_timestamp_and_the_trace_id_of_the_span_it_was_written_in()
    {
        var lines = service.Service.Lines.Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var publish = service.Span(s => s.Scope == "Microsoft.AspNetCore" && s["http.route"] == "/api/meetings/{id}/publish");
        var batch = service.Span(s => s.Name == "mail.dispatch" && s["meetings.mail.sent"] is { } sent && sent != "0");

        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            var at = DateTimeOffset.Parse(line.GetProperty("Timestamp").GetString()!, CultureInfo.InvariantCulture);
            Assert.Equal(TimeSpan.Zero, at.Offset);
            Assert.InRange(at, service.Started.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
            Assert.False(string.IsNullOrEmpty(line.GetProperty("Message").GetString()));
            Assert.False(string.IsNullOrEmpty(line.GetProperty("Category").GetString()));
        });
        Assert.Contains(lines, l => l.TryGetProperty("TraceId", out var trace) && trace.GetString() == publish.TraceId
            && l.GetProperty("Message").GetString()!.Contains("/publish", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TryGetProperty("TraceId", out var trace) && trace.GetString() == batch.TraceId
            && l.GetProperty("Message").GetString()!.StartsWith($"Mail dispatch: {batch["meetings.mail.sent"]} sent", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.TryGetProperty("Scopes", out _)); // the scopes would carry every request's path
    }

    /// <summary>The samples of <paramref name="metric"/> (its labels as written, its value) in a Prometheus exposition.</summary>
    private static List<(string Metric, string Labels, double Value)> Samples(string exposition, string metric) =>
        [.. exposition.Split('\n').Select(Sample).Where(s => s.Metric == metric)];

    /// <summary>One line of the exposition: <c>name{labels} value [timestamp]</c>; a comment or an empty line has no name.</summary>
    private static (string Metric, string Labels, double Value) Sample(string line)
    {
        if (line.Length == 0 || line[0] == '#')
        {
            return (string.Empty, string.Empty, 0);
        }

        var end = line.Contains('{', StringComparison.Ordinal) ? line.LastIndexOf('}') + 1 : line.IndexOf(' ', StringComparison.Ordinal);
        var name = line[..line.IndexOfAny(['{', ' '])];
        return (name, line[name.Length..end], double.Parse(line[end..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }

    /// <summary>The traced service, its collector and mail server, and what the fixture did with them.</summary>
    public sealed class TracedService : IAsyncLifetime
    {
        /// <summary>Asked for as a personal link that matches no route: its path must not reach the collector either.</summary>
        public const string MadeUpToken = "made-up-token-QW5zd2VyUGFnZVRva2Vu";

        private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("meetings-traces-").FullName;

        public OtlpReceiver Collector { get; private set; } = null!;

        public SmtpSink Smtp { get; } = new();

        public ServiceRun Service { get; private set; } = null!;

        public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

        public string Meeting { get; private set; } = string.Empty;

        public string Token { get; private set; } = string.Empty;

        public string Metrics { get; private set; } = string.Empty;

        /// <summary><c>/metrics</c> of the fresh service: asked before anything else.</summary>
        public string MetricsAtStart { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            Collector = await OtlpReceiver.StartAsync();
            var port = FreePort();
            Service = ServiceRun.Start(_folder, port, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Meetings"] = $"Data Source={Path.Combine(_folder, "meetings.db")}",
                ["Auth__BootstrapAdminKey"] = MeetingsApp.AdminKey,
                ["Mail__From"] = "amtsleitung@augsburg.example",
                ["Mail__RsvpBaseUrl"] = "https://intranet.augsburg.example/rsvp/",
                ["Mail__Smtp__Host"] = "127.0.0.1",
                ["Mail__Smtp__Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Collector.Endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100", // the batch of spans goes out within 0.1 s, not 5 s
                ["Logging__Console__FormatterName"] = "json",
                ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information", // a line per request, for its trace id
            });
            var address = new Uri($"http://127.0.0.1:{port}");
            Assert.True(await Service.WaitReadyAsync(address, TimeSpan.FromMinutes(1)), "the service should start:\n" + Service.Output);

            using (var local = new HttpClient { BaseAddress = address })
            {
                MetricsAtStart = await local.GetStringAsync("/metrics");
            }

            using var admin = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(1) };
            admin.DefaultRequestHeaders.Add("X-Api-Key", MeetingsApp.AdminKey);
            admin.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            await admin.CreateDepartment();
            Meeting = await admin.CreatePublished(await admin.CreateSeries(), DateTimeOffset.UtcNow.AddDays(30));
            Token = Links.TokenIn(await FirstMail());
            using var anonymous = new HttpClient { BaseAddress = address };
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/rsvp/{Token}")).StatusCode);
            Assert.InRange((int)(await anonymous.GetAsync($"/rsvp/{MadeUpToken}/nothing/here")).StatusCode, 400, 499); // no route

            foreach (var (what, wanted) in new (string, Func<OtlpSpan, bool>)[]
            {
                ("the answer's request", s => s["http.route"] == "/api/rsvp/{token}"),
                ("the batch that sent the invitations", s => s.Name == "mail.dispatch" && s["meetings.mail.sent"] is { } sent && sent != "0"),
            })
            {
                Assert.True(await Collector.WaitFor(wanted, TimeSpan.FromSeconds(30)) is not null,
                    $"No span of {what} within 30 s; received:\n{string.Join('\n', Collector.Spans)}\n{Service.Output}");
            }

            await Task.Delay(500); // the last spans of the batch (its commits) and the 404
            Metrics = await anonymous.GetStringAsync("/metrics"); // after requests and a batch of mail: histograms and counters have data
        }

        /// <summary>The one span that meets <paramref name="wanted"/>.</summary>
        public OtlpSpan Span(Func<OtlpSpan, bool> wanted) => Assert.Single(Collector.Spans, s => wanted(s));

        public async Task DisposeAsync()
        {
            Service?.Dispose();
            await Smtp.DisposeAsync();
            if (Collector is not null)
            {
                await Collector.DisposeAsync();
            }

            try
            {
                System.IO.Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // a file still held open; the temp folder is cleaned eventually.
            }
        }

        private async Task<MimeKit.MimeMessage> FirstMail()
        {
            for (var until = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < until; await Task.Delay(100))
            {
                if (Smtp.Received.TryPeek(out var mail))
                {
                    return mail;
                }
            }

            throw new InvalidOperationException("No invitation arrived within 30 s:\n" + Service.Output);
        }

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}

/// <summary>The default: no endpoint, no tracer. A span of the service's machinery then costs a check that finds no listener.</summary>
public sealed class NoTracingTests(MeetingsApp app) : IClassFixture<MeetingsApp>
{
    [Fact]
    public async Task Without_an_otlp_endpoint_there_is_no_tracer_and_nothing_listens_to_the_services_spans()
    {
        await app.Dispatch();

        using var response = await app.Anonymous().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.False(Telemetry.Source.HasListeners());
    }
}
#endif
