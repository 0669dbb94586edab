using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;

namespace LocalGovStandard.Register;

public sealed record RegisterLineError(int Line, string Message);

/// <summary>
/// Reads the public UK local authority register (mySociety uk_local_authorities.csv) into council
/// entities, reporting each malformed row by its line number instead of stopping.
/// </summary>
public static partial class RegisterCsv
{
    private static readonly string[] RequiredColumns =
        ["local-authority-code", "official-name", "nice-name", "gss-code", "end-date", "nation", "region", "local-authority-type-name", "current-authority"];

    public static async Task<(List<CouncilEntity> Councils, List<RegisterLineError> Errors)> ReadAsync(TextReader text, CancellationToken cancellationToken)
    {
        var councils = new List<CouncilEntity>();
        var errors = new List<RegisterLineError>();
        using var csv = CsvReader.Create(text, LineByLine(record => errors.Add(new RegisterLineError((int)record.LineNumber, Describe(record.Reason)))), leaveOpen: true);

        await csv.ReadHeaderAsync(cancellationToken);
        var header = csv.Headers.ToArray();
        if (header.Length == 0)
        {
            errors.Add(new RegisterLineError(1, "The file is empty. Send the register CSV with its header row."));
            return (councils, errors);
        }

        var missing = RequiredColumns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new RegisterLineError(1, $"The header row is missing the column(s) {string.Join(", ", missing)}."));
            return (councils, errors);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await csv.ReadAsync(cancellationToken))
        {
            var line = (int)csv.LineNumber;
            var (council, error) = Parse(csv);
            if (council is not null && seen.TryGetValue(council.RowKey, out var firstLine))
            {
                error = $"local-authority-code {council.RowKey} already appeared on line {firstLine}.";
                council = null;
            }

            if (council is null)
            {
                errors.Add(new RegisterLineError(line, error!));
                continue;
            }

            seen[council.RowKey] = line;
            councils.Add(council);
        }

        errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        return (councils, errors);
    }

    /// <summary>How the organisers' CSV files are read: with a header, trimmed, and a malformed row reported (by line) and skipped, never thrown.</summary>
    internal static CsvReaderOptions LineByLine(Action<CsvMalformedRecord> onMalformed) => new()
    {
        HasHeader = true,
        TrackLineNumbers = true,
        TrimWhitespace = true,
        MalformedData = CsvMalformedDataHandling.Skip,
        FieldCountMismatch = CsvFieldCountHandling.Skip,
        IncludeValuesInExceptions = false,
        OnMalformedRecord = onMalformed,
    };

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.FieldCountMismatch => "The row has a different number of fields from the header. Check for an unquoted comma.",
        CsvMalformedReason.UnterminatedQuote => "A quoted field is never closed. Add the closing quote.",
        _ => "The row's quoting is malformed. Quote the whole field and double any quotes inside it.",
    };

    private static (CouncilEntity? Council, string? Error) Parse(CsvReader csv)
    {
        string Field(string name) => csv.GetString(name);

        var code = Field("local-authority-code");
        var gss = Field("gss-code").ToUpperInvariant();
        var name = Field("official-name");
        var endDate = Field("end-date");
        var regionName = Field("region");
        var current = Field("current-authority");

        if (!CodePattern().IsMatch(code))
        {
            return (null, "local-authority-code must be 1 to 10 letters, digits or hyphens.");
        }

        if (name.Length is 0 or > 200)
        {
            return (null, "official-name must be 1 to 200 characters.");
        }

        if (gss.Length > 0 && !GssPattern().IsMatch(gss))
        {
            return (null, $"gss-code '{gss}' is not a GSS code (a letter and 8 digits, like E09000033).");
        }

        if (endDate.Length > 0 && !DateOnly.TryParseExact(endDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return (null, $"end-date '{endDate}' must be a date like 2021-03-31, or empty.");
        }

        if (!bool.TryParse(current, out var isCurrent))
        {
            return (null, $"current-authority '{current}' must be True or False.");
        }

        var region = regionName.Length == 0 ? Regions.Unassigned : Regions.FromName(regionName);
        if (region is null)
        {
            return (null, $"region '{regionName}' is not one of the UK regions ({string.Join(", ", Regions.All.Select(r => r.Name))}).");
        }

        return (new CouncilEntity
        {
            PartitionKey = region.Slug,
            RowKey = code,
            GssCode = gss,
            OfficialName = name,
            NiceName = Field("nice-name") is { Length: > 0 } nice ? nice : name,
            Nation = Field("nation"),
            AuthorityType = Field("local-authority-type-name"),
            EndDate = endDate.Length > 0 ? endDate : null,
            IsCurrent = isCurrent,
        }, null);
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,10}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[ENSWK][0-9]{8}$")]
    private static partial Regex GssPattern();
}
