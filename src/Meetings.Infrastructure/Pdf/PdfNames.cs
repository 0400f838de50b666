namespace Meetings.Infrastructure.Pdf;

/// <summary>The PDFs of a meeting.</summary>
public enum PdfKind
{
    Invitation,
    Minutes,
    Dossier,
}

/// <summary>What a PDF is called in a language ("Einladung", "Ergebnisprotokoll", "Sitzungsmappe"): the start of its file name.</summary>
public static class PdfNames
{
    public static string Of(PdfKind kind, string language)
    {
        var name = string.Empty;
        PdfTexts.In(language, () => name = kind switch
        {
            PdfKind.Invitation => PdfText.FileInvitation,
            PdfKind.Minutes => PdfText.FileMinutes,
            _ => PdfText.FileDossier,
        });
        return name;
    }
}
