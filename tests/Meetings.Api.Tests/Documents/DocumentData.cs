using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Meetings.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Meetings.Api.Tests.Documents;

/// <summary>The service with a small <c>Documents:MaxBytes</c> (600 000 bytes: more than two chunks of 256 KiB), so that 413 is quick to reach.</summary>
public sealed class DocumentsApp : MeetingsApp
{
    public const int MaxBytes = 600_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Documents:MaxBytes", MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Files of each accepted type, and uploads as a client sends them (<c>multipart/form-data</c>).</summary>
internal static class DocumentData
{
    public static byte[] Pdf(int size = 2000, byte fill = (byte)'x')
    {
        var bytes = new byte[size];
        Array.Fill(bytes, fill);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 1, 2, 3];

    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 2, 3];

    public static byte[] Ooxml(string folder, string part) => Zip(("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"), ($"{folder}/{part}", "<x/>"));

    public static byte[] Odf(string mimetype) => Zip(("mimetype", mimetype), ("content.xml", "<office:document-content/>"), ("META-INF/manifest.xml", "<manifest/>"));

    /// <summary>Each accepted type: (file name, bytes, the content type the service must judge).</summary>
    public static TheoryData<string, string> Types() => new()
    {
        { "pdf", "application/pdf" },
        { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
        { "odt", "application/vnd.oasis.opendocument.text" },
        { "ods", "application/vnd.oasis.opendocument.spreadsheet" },
        { "odp", "application/vnd.oasis.opendocument.presentation" },
        { "png", "image/png" },
        { "jpg", "image/jpeg" },
    };

    public static byte[] OfType(string extension) => extension switch
    {
        "pdf" => Pdf(),
        "docx" => Ooxml("word", "document.xml"),
        "xlsx" => Ooxml("xl", "workbook.xml"),
        "pptx" => Ooxml("ppt", "presentation.xml"),
        "odt" => Odf("application/vnd.oasis.opendocument.text"),
        "ods" => Odf("application/vnd.oasis.opendocument.spreadsheet"),
        "odp" => Odf("application/vnd.oasis.opendocument.presentation"),
        "png" => Png(),
        "jpg" => Jpeg(),
        _ => throw new ArgumentOutOfRangeException(nameof(extension)),
    };

    public static MultipartFormDataContent Form(byte[] file, string fileName, object? fields = null, string partType = "application/pdf")
    {
        var form = new MultipartFormDataContent();
        foreach (var p in fields is null ? [] : JsonSerializer.SerializeToElement(fields).EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null))
        {
            form.Add(new StringContent(p.Value.ToString(), Encoding.UTF8), p.Name);
        }

        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(partType);
        form.Add(content, "file", fileName);
        return form;
    }

    public static Task<HttpResponseMessage> Upload(this HttpClient client, string meeting, byte[] file, string fileName = "Folien.pdf", object? fields = null) =>
        client.PostAsync($"/api/meetings/{meeting}/documents", Form(file, fileName, fields ?? new { title = "Unterlage" }));

    public static async Task<JsonElement> Uploaded(this HttpClient client, string meeting, byte[] file, object? fields = null, string fileName = "Folien.pdf") =>
        await (await client.Upload(meeting, file, fileName, fields)).Json(HttpStatusCode.Created);

    public static string[] Titles(this JsonElement page) => page.GetProperty("items").EnumerateArray().Select(d => d.Str("title")).Order(StringComparer.Ordinal).ToArray();

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                var entry = zip.CreateEntry(name, name == "mimetype" ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
                using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }

        return stream.ToArray();
    }
}
