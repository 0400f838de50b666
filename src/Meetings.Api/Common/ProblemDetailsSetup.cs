using System.Diagnostics;
using System.Text.Json;
using Meetings.Domain.Common;
using Meetings.Domain.Meetings;
using Meetings.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meetings.Api.Common;

/// <summary>
/// Every error leaves the service as RFC 9457 problem details with a <c>traceId</c>. This class is the
/// one place that decides which exception becomes which status.
/// </summary>
internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddMeetingsProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            problem.Type ??= TypeFor(problem.Status ?? context.HttpContext.Response.StatusCode);
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();

        // Minimal APIs answer binding failures (bad JSON, a bad enum value, an unparsable id) with an
        // empty 400 unless told to throw; thrown, they reach the handler below and become problems.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>
    /// The status of a domain outcome (a refused rule, invalid input, an unknown or foreign resource), or null for an
    /// exception that is none. The API's exception handler and the answer page both map through here, so the same
    /// invalid input gets the same status on the page (shown in words) and in the API (as problem details).
    /// </summary>
    public static ProblemDetails? ForDomain(Exception exception) => exception switch
    {
        DomainValidationException e => new ValidationProblemDetails(e.Errors.ToDictionary(x => x.Key, x => x.Value))
        {
            Status = 400,
            Title = "The input is invalid.",
            Detail = "See errors for the fields to correct.",
        },
        RecipientNotAllowedException e => new ValidationProblemDetails(new Dictionary<string, string[]> { [e.Field] = [e.Message] })
        {
            Status = 422,
            Type = TypeFor(422),
            Title = "The service does not send mail to this address.",
            Detail = e.Message,
        },
        NotFoundException e => Problem(404, "Not found.", e.Message),
        ForbiddenException e => Problem(403, "Outside the key's scope.", e.Message),
        DomainException e => Problem(409, "The current state does not allow this.", e.Message),
        PreconditionFailedException e => Problem(412, "The resource has changed.", e.Message),
        _ => null,
    };

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    public static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        412 => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        416 => "https://tools.ietf.org/html/rfc9110#section-15.5.17",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        428 => "https://tools.ietf.org/html/rfc6585#section-3",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ when status >= 500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        _ => "about:blank",
    };
}

internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>What a 503 for an unavailable database asks the client to wait: about a database restart.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ProblemDetailsSetup.ForDomain(exception) ?? exception switch
        {
            BadHttpRequestException e => FromBadRequest(e),
            Infrastructure.Documents.DocumentTooLargeException e => Problem(413, "The file is too large.", e.Message),
            Features.Documents.UnsupportedDocumentTypeException e => Problem(415, "The file's type is not accepted.", e.Message),
            Features.Documents.UnsupportedFormException e => Problem(415, "The body is not a form.", e.Message),
            Features.Documents.RangeNotSatisfiableException e => RangeNotSatisfiable(httpContext, e),
            // A race lost at the save: the version the request read is gone. With If-Match the client named that version: 412,
            // as for a stale If-Match read before; without, the state changed under it: 409 (docs/architecture.md, "Errors").
            DbUpdateConcurrencyException when httpContext.Request.Headers.IfMatch.Count > 0 =>
                Problem(412, "The resource has changed.", "It was changed at the same time by someone else; reload it and try again."),
            DbUpdateConcurrencyException => Problem(409, "The resource was changed at the same time by someone else.", "Reload it and try again."),
            DbUpdateException e when ConstraintViolation.IsUniqueViolation(e) =>
                Problem(409, "A resource with these values exists already.", "A value that must be unique is already in use."),
            DbUpdateException e when ConstraintViolation.IsForeignKeyViolation(e) =>
                Problem(409, "The resource is still referenced.", "Other resources still refer to it."),
            _ when ConstraintViolation.IsUnstorableText(exception) =>
                Problem(400, "The input is invalid.", "The input contains a character that cannot be stored (such as NUL)."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ when DatabaseFailure.IsTransient(exception) => Problem(503, "The database is unavailable for the moment.",
                "The database could not be reached or is busy (a restart, a network fault, too many connections). "
                + "Retry after the time given in Retry-After; a write that was cut off may or may not have been stored, "
                + "so repeat a POST with the same Idempotency-Key."),
            _ => null,
        };

        if (problem?.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("Database unavailable for {Method} {Route}: {Error}", httpContext.Request.Method, RouteOf(httpContext), exception.Message);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (problem is null)
        {
            if (httpContext.RequestAborted.IsCancellationRequested)
            {
                return true; // the client is gone; nobody reads an answer.
            }

            logger.LogError(exception, "Unhandled exception for {Method} {Route}", httpContext.Request.Method, RouteOf(httpContext));
            problem = Problem(500, "An unexpected error occurred.", "The error was logged with the trace id.");
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// The route template (<c>/api/rsvp/{token}</c>), never the path: paths carry tokens. The exception handler has
    /// cleared the endpoint by now; the one routed is remembered for the security headers.
    /// </summary>
    private static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() ?? SecurityHeaders.RoutedEndpoint(context)) is RouteEndpoint { RoutePattern.RawText: { } template }
            ? template
            : "(no route)";

    private static ProblemDetails RangeNotSatisfiable(HttpContext context, Features.Documents.RangeNotSatisfiableException e)
    {
        context.Response.Headers.ContentRange = $"bytes */{e.Length}";
        return Problem(416, "The range is not satisfiable.", e.Message);
    }

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    private static ProblemDetails FromBadRequest(BadHttpRequestException e)
    {
        if (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(413, "The request body is too large.", e.Message);
        }

        if (e.InnerException is JsonException json)
        {
            var field = JsonField(json.Path);
            return new ValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [json.Path is null or "$"
                    ? "The body is not valid JSON."
                    : "The value is malformed or not one of the allowed values."],
            })
            {
                Status = 400,
                Title = "The request body could not be read.",
                Detail = "The body must be JSON in the shape the operation documents.",
            };
        }

        // ASP.NET Core's binding messages name the parameter and the reason; they carry no internals.
        return Problem(e.StatusCode, "The request is malformed.", e.Message);
    }

    /// <summary><c>$.head.email</c> becomes <c>head.email</c>; the whole body is <c>body</c>.</summary>
    private static string JsonField(string? path) =>
        path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
