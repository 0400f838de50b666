using Microsoft.AspNetCore.Mvc;

namespace Meetings.Api.Common;

/// <summary>Problems written by middleware (outside the endpoints), in the same shape as every other error.</summary>
internal static class Problems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
