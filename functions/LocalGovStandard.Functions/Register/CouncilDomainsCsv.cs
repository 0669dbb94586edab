using CsvHelper;

namespace LocalGovStandard.Register;

public sealed record DomainLine(int Line, string GssCode, string Domain);

/// <summary>Reads a bulk list of council domains: a header row "gssCode,domain", then one domain of one council a line.</summary>
public static class CouncilDomainsCsv
{
    public const string Header = "gssCode,domain";

    public static async Task<(List<DomainLine> Lines, List<RegisterLineError> Errors)> ReadAsync(TextReader text, CancellationToken cancellationToken)
    {
        var lines = new List<DomainLine>();
        var errors = new List<RegisterLineError>();
        using var csv = CsvReader.Create(text, RegisterCsv.LineByLine(record =>
            errors.Add(new RegisterLineError((int)record.LineNumber, "The row does not have exactly two fields, gssCode and domain."))), leaveOpen: true);
        await csv.ReadHeaderAsync(cancellationToken);
        if (!csv.Headers.ToArray().SequenceEqual(["gssCode", "domain"], StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new RegisterLineError(1, $"The first row must be the header {Header}."));
            return (lines, errors);
        }

        while (await csv.ReadAsync(cancellationToken))
        {
            lines.Add(new DomainLine((int)csv.LineNumber, csv.GetString(0).ToUpperInvariant(), csv.GetString(1)));
        }

        return (lines, errors);
    }
}
