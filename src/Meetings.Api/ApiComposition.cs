using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Api.Features.Agenda;
using Meetings.Api.Features.AnswerPage;
using Meetings.Api.Features.Answers;
using Meetings.Api.Features.ApiKeys;
using Meetings.Api.Features.Audit;
using Meetings.Api.Features.Calendar;
using Meetings.Api.Features.Cities;
using Meetings.Api.Features.Departments;
using Meetings.Api.Features.Documents;
using Meetings.Api.Features.Feedback;
using Meetings.Api.Features.Feeds;
using Meetings.Api.Features.Mail;
using Meetings.Api.Features.MeetingPdfs;
using Meetings.Api.Features.Meetings;
using Meetings.Api.Features.Minutes;
using Meetings.Api.Features.Polls;
using Meetings.Api.Features.Series;
using Meetings.Api.Features.Speakers;
using Meetings.Api.Features.Tasks;
using Meetings.Api.Features.Topics;
using Meetings.Api.Idempotency;
using Meetings.Infrastructure;
using Meetings.Infrastructure.Hosting;

namespace Meetings.Api;

/// <summary>What Program.cs composes: the services, the middleware and the endpoints.</summary>
internal static class ApiComposition
{
    public static WebApplicationBuilder AddMeetingsApi(this WebApplicationBuilder builder)
    {
        builder.AddRequestLimits();
        builder.AddStartupReporting();
        builder.AddMeetingsSystemd();
        builder.Logging.AddMeetingsJsonLogs();
        builder.Services
            .AddMeetingsInfrastructure(builder.Configuration)
            .AddMeetingsProblemDetails()
            .AddMeetingsJson()
            .AddMeetingsAuth()
            .AddMeetingsMediator()
            .AddMeetingsSwagger()
            .AddMeetingsHealth()
            .AddMeetingsRateLimits()
            .AddMeetingsReverseProxy()
            .AddMeetingsAnswerPage()
            .AddMeetingsTelemetry(builder.Configuration)
            .AddMeetingsMetrics()
            .AddScoped<RecordAnswer>()
            .AddScoped<Features.AnswerPage.LinkedInvitations>()
            .AddScoped<DepartmentInvitations>()
            .AddScoped<DepartmentTasks>()
            .AddScoped<IMeetingDocumentFiles, StoredMeetingDocumentFiles>()
            .AddScoped<DocumentForms>()
            .AddScoped<Meetings.Infrastructure.Mail.Inbox.IMailboxCalendarReplies, Features.Mailbox.MailboxCalendarReplies>()
            .StartFrameworkServicesAfterDatabase();
        return builder;
    }

    public static WebApplication UseMeetingsApi(this WebApplication app)
    {
        app.UseMeetingsForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStartupGate();
        app.UseRequestLimits();
        app.UseMeetingsSwagger();
        app.UseMeetingsAnswerPage();
        app.UseRouting();
        app.UseSecurityHeaderEndpoint();
        app.UseAuthentication();
        app.UseOperatorEndpoints(); // /metrics and /hangfire: who may, then the exporter and the dashboard
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMeetingsAnswerPageLanguage(); // after the rate limiter: it reads the database by the link's token
        app.UseIdempotency();
        return app;
    }

    public static WebApplication MapMeetingsEndpoints(this WebApplication app)
    {
        app.MapMeetingsHealth();
        app.MapCities();
        app.MapDepartments();
        app.MapApiKeys();
        app.MapSeries();
        app.MapMeetings();
        app.MapAnswers();
        app.MapAnswerPage();
        app.MapCalendarFiles();
        app.MapFeeds();
        app.MapSpeakers();
        app.MapAgenda();
        app.MapMailLedger();
        app.MapAudit();
        app.MapMinutes();
        app.MapTasks();
        app.MapFeedback();
        app.MapPolls();
        app.MapTopics();
        app.MapMeetingPdfs();
        app.MapDocuments();
        return app;
    }
}
