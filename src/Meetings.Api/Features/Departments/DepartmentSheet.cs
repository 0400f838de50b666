using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Meetings.Api.Features.Departments;

/// <summary>
/// The office's directory spreadsheet as Excel saves it as CSV: UTF-8 with or without BOM, or Windows-1252 (Excel's
/// "CSV (Trennzeichen-getrennt)" on a German Windows), <c>;</c> or <c>,</c> between the fields (whichever the header row
/// uses more), a header row naming the columns in any order (case does not matter; unknown columns are ignored), quoted
/// fields as RFC 4180 has them (read by CsvHelper). Line numbers count the header as line 1.
/// </summary>
internal sealed class DepartmentSheet
{
    public const int MaxRows = 2000;

    public const string Code = "code";
    public const string Name = "name";
    public const string HeadName = "headName";
    public const string HeadEmail = "headEmail";
    public const string HeadTitle = "headTitle";
    public const string DeputyName = "deputyName";
    public const string DeputyEmail = "deputyEmail";

    private static readonly string[] Required = [Code, Name, HeadName, HeadEmail];
    private static readonly string[] Known = [Code, Name, HeadName, HeadEmail, HeadTitle, DeputyName, DeputyEmail];

    private DepartmentSheet(IReadOnlySet<string> columns, IReadOnlyList<SheetRow> rows, IReadOnlyList<ImportError> errors)
    {
        Columns = columns;
        Rows = rows;
        Errors = errors;
    }

    /// <summary>The known columns the header names.</summary>
    public IReadOnlySet<string> Columns { get; }

    public IReadOnlyList<SheetRow> Rows { get; }

    /// <summary>What could not be read (a header without a required column, bad quoting, too many rows).</summary>
    public IReadOnlyList<ImportError> Errors { get; }

    public static DepartmentSheet Read(byte[] body)
    {
        var text = Decode(body);
        var errors = new List<ImportError>();
        var rows = new List<SheetRow>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = SeparatorOf(text),
            HasHeaderRecord = true,
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            BadDataFound = args => errors.Add(new ImportError(args.Context?.Parser?.Row ?? 1, null, "The quoting of this line is broken (a \" inside a field that is not quoted).")),
        };

        using var csv = new CsvReader(new StringReader(text), configuration);
        if (!csv.Read())
        {
            return new DepartmentSheet(new HashSet<string>(), [], [new ImportError(1, null, "The file is empty; the first line must name the columns.")]);
        }

        csv.ReadHeader();
        var columns = Header(csv.HeaderRecord ?? [], errors);
        if (errors.Count > 0)
        {
            return new DepartmentSheet(new HashSet<string>(columns.Keys, StringComparer.Ordinal), [], errors);
        }

        try
        {
            while (csv.Read())
            {
                var record = csv.Parser.Record ?? [];
                if (record.All(string.IsNullOrWhiteSpace))
                {
                    continue; // a row Excel writes as ";;;;;;"
                }

                if (rows.Count == MaxRows)
                {
                    errors.Add(new ImportError(csv.Parser.Row, null, $"A file may have at most {MaxRows} rows of departments."));
                    break;
                }

                var values = columns.ToDictionary(c => c.Key, c => c.Value < record.Length ? record[c.Value] : null, StringComparer.Ordinal);
                rows.Add(new SheetRow(csv.Parser.Row, values));
            }
        }
        catch (CsvHelperException e)
        {
            errors.Add(new ImportError(e.Context?.Parser?.Row ?? rows.LastOrDefault()?.Line ?? 1, null, "This line cannot be read as CSV."));
        }

        return new DepartmentSheet(new HashSet<string>(columns.Keys, StringComparer.Ordinal), rows, errors);
    }

    /// <summary>BOM → UTF-8 (or UTF-16 as Excel's "Unicode text"); valid UTF-8 → UTF-8; anything else → Windows-1252.</summary>
    public static string Decode(byte[] body)
    {
        if (body is [0xEF, 0xBB, 0xBF, ..])
        {
            return new UTF8Encoding(false).GetString(body, 3, body.Length - 3);
        }

        if (body is [0xFF, 0xFE, ..])
        {
            return Encoding.Unicode.GetString(body, 2, body.Length - 2);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(body);
        }
    }

    /// <summary>The separator of the header line: <c>;</c> (Excel in German) or <c>,</c>, whichever occurs more.</summary>
    private static string SeparatorOf(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return header.Count(c => c == ';') >= header.Count(c => c == ',') && header.Contains(';', StringComparison.Ordinal) ? ";" : ",";
    }

    /// <summary>The position of each known column; a required one missing or a column named twice is an error of line 1.</summary>
    private static Dictionary<string, int> Header(string[] header, List<ImportError> errors)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var known = Known.FirstOrDefault(k => string.Equals(k, header[i].Trim(), StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                continue;
            }

            if (!columns.TryAdd(known, i))
            {
                errors.Add(new ImportError(1, known, "The header names this column twice."));
            }
        }

        foreach (var missing in Required.Where(r => !columns.ContainsKey(r)))
        {
            errors.Add(new ImportError(1, missing, $"The header row must name this column (columns: {string.Join(";", Known)})."));
        }

        return columns;
    }
}

/// <summary>One row of departments: its line number and the value of each known column the header names (null: not in the row).</summary>
internal sealed record SheetRow(int Line, IReadOnlyDictionary<string, string?> Values)
{
    public string? this[string column] => Values.GetValueOrDefault(column);

    public bool Has(string column) => Values.ContainsKey(column);
}
