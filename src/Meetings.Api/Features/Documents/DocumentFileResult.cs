using System.IO.Pipelines;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace Meetings.Api.Features.Documents;

/// <summary>
/// A stored document sent as a download: the headers, the preconditions (<c>If-None-Match</c> → 304, <c>If-Range</c>, …)
/// and the range (206) are ASP.NET Core's own file result logic (<see cref="FileResultExecutorBase"/>, the helper
/// <c>TypedResults.Stream</c> uses too), the body is read from the chunk stream straight into the response's
/// <see cref="PipeWriter"/> (<c>GetMemory</c>/<c>Advance</c>/<c>FlushAsync</c>): no 64 KiB copy buffer between the
/// stream and Kestrel's pipe (docs/design/documents.md, "Download speed").
/// </summary>
internal sealed class DocumentFileResult(Stream content, string contentType, string fileName, DateTimeOffset lastModified, EntityTagHeaderValue etag) : IResult
{
    /// <summary>Bytes asked of the pipe per write: as much as the file result's copy buffer, what Kestrel flushes without waiting.</summary>
    private const int WriteBytes = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using (content)
        {
            var executor = new Executor(httpContext.RequestServices.GetRequiredService<ILoggerFactory>());
            var (range, rangeLength, serveBody) = executor.Headers(httpContext, new FileStreamResult(content, contentType)
            {
                FileDownloadName = fileName,
                LastModified = lastModified,
                EntityTag = etag,
                EnableRangeProcessing = true,
            });
            if (!serveBody)
            {
                return;
            }

            var remaining = range is null ? content.Length : rangeLength;
            content.Seek(range?.From ?? 0, SeekOrigin.Begin);
            await WriteAsync(httpContext.Response, remaining, httpContext.RequestAborted);
        }
    }

    private async Task WriteAsync(HttpResponse response, long remaining, CancellationToken ct)
    {
        await response.StartAsync(ct); // the headers go first: from here on the pipe hands out its own memory
        var writer = response.BodyWriter;
        while (remaining > 0)
        {
            var memory = writer.GetMemory(WriteBytes);
            var read = await content.ReadAsync(memory[..(int)Math.Min(memory.Length, remaining)], ct);
            if (read == 0)
            {
                throw new IOException("The document's content ended before its length.");
            }

            writer.Advance(read);
            remaining -= read;
            var flushed = await writer.FlushAsync(ct);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                return; // the client went away
            }
        }
    }

    /// <summary>The file result's header and precondition logic, without its body copy.</summary>
    private sealed class Executor(ILoggerFactory loggers) : FileResultExecutorBase(CreateLogger<DocumentFileResult>(loggers))
    {
        public (RangeItemHeaderValue? Range, long RangeLength, bool ServeBody) Headers(HttpContext httpContext, FileStreamResult result) =>
            SetHeadersAndLog(new ActionContext(httpContext, httpContext.GetRouteData(), new ActionDescriptor()), result, result.FileStream.Length,
                result.EnableRangeProcessing, result.LastModified, result.EntityTag);
    }
}
