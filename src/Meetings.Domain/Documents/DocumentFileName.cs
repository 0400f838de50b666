namespace Meetings.Domain.Documents;

/// <summary>
/// A file name as a client sends it, made safe to keep and to hand back in <c>Content-Disposition</c>: without a path
/// (<c>C:\Users\x\Folien.pdf</c> and <c>../../etc/passwd</c> keep only their last part), without control or formatting
/// characters (line breaks, NUL, a right-to-left override that makes <c>exe.pdf</c> of <c>fdp.exe</c>), trimmed, and at most
/// <see cref="MaxLength"/> characters (the extension kept). Nothing left: <see cref="Fallback"/>.
/// </summary>
public static class DocumentFileName
{
    public const int MaxLength = 200;
    public const string Fallback = "document";

    public static string Clean(string? raw)
    {
        var name = raw ?? string.Empty;
        var cut = name.LastIndexOfAny(['/', '\\']);
        if (cut >= 0)
        {
            name = name[(cut + 1)..];
        }

        name = new string(name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray());
        name = name.Trim().Trim('.').Trim();
        if (name.Length == 0)
        {
            return Fallback;
        }

        if (name.Length > MaxLength)
        {
            var dot = name.LastIndexOf('.');
            var extension = dot > 0 && name.Length - dot <= 10 ? name[dot..] : string.Empty;
            name = name[..(MaxLength - extension.Length)].TrimEnd() + extension;
        }

        return name;
    }
}
