
namespace Meetings.Api.Common;

/// <summary>
/// Bodies larger than <see cref="MaxBodyBytes"/> are refused with a 413 problem: announced ones at
/// once, streamed ones by Kestrel's limit while reading (which surfaces as a 413 through the handler). A document upload
/// has a limit of its own (<c>Documents:MaxBytes</c>, <see cref="Features.Documents.DocumentForms"/>).
/// </summary>
internal static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBodyBytes);
        return builder;
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength > MaxBodyBytes && !Features.Documents.DocumentForms.IsUpload(context.Request))
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"Bodies may be at most {MaxBodyBytes} bytes.");
            return;
        }

        await next(context);
    });
}
