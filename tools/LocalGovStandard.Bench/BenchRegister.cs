using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Register;

namespace LocalGovStandard.Bench;

/// <summary>
/// The council register the benchmarks sign up to: the current authorities of the shared UK
/// register (../shared/data/uk_local_authorities.csv, read by the product's own RegisterCsv), or
/// 397 made-up councils without it. At 2x and 4x every council is copied (same region, new codes),
/// as the workbook benchmark does; a copy's GSS code keeps the sign-up form's shape (a letter and
/// 8 digits) and starts "9{copy}", which no real code does.
/// </summary>
internal static class BenchRegister
{
    public const int RealCurrentCouncils = 397;

    public static string? SharedFile { get; } = FindSharedFile();

    public static string Description => SharedFile is null
        ? $"not found, so {RealCurrentCouncils} made-up councils"
        : $"{SharedFile} (current authorities)";

    public static async Task<IReadOnlyList<CouncilEntity>> CurrentCouncilsAsync(int scale)
    {
        List<CouncilEntity> councils;
        if (SharedFile is null)
        {
            councils = Enumerable.Range(0, RealCurrentCouncils).Select(i => new CouncilEntity
            {
                PartitionKey = Regions.All[i % Regions.All.Count].Slug, RowKey = $"X{i:D3}", GssCode = $"E{i:D8}",
                OfficialName = $"Council {i}", NiceName = $"Council {i}", Nation = "England", AuthorityType = "Unitary authority", IsCurrent = true,
            }).ToList();
        }
        else
        {
            using var reader = new StreamReader(SharedFile);
            var (entities, _) = await RegisterCsv.ReadAsync(reader, CancellationToken.None);
            councils = entities.Where(e => Council.From(e).CanSignUp).ToList();
        }

        return Enumerable.Range(0, scale).SelectMany(copy => councils.Select(c => copy == 0 ? c : new CouncilEntity
        {
            PartitionKey = c.PartitionKey, RowKey = $"{c.RowKey}{copy}", GssCode = CopyGssCode(c.GssCode, copy),
            OfficialName = $"{c.OfficialName} ({copy + 1})", NiceName = $"{c.NiceName} ({copy + 1})",
            Nation = c.Nation, AuthorityType = c.AuthorityType, IsCurrent = true,
        })).ToList();
    }

    /// <summary>A copy's code: E06000001, copy 1, is E91060001 (the serial's two leading zeros make room for "9{copy}").</summary>
    private static string CopyGssCode(string gss, int copy) =>
        gss[3..5] == "00" ? $"{gss[0]}9{copy}{gss[1..3]}{gss[5..]}" : throw new InvalidOperationException($"Cannot copy the GSS code {gss} at this scale.");

    /// <summary>Writes the councils straight into the Councils table, in entity group transactions per region, as the import does.</summary>
    public static async Task WriteAsync(string connectionString, IReadOnlyList<CouncilEntity> councils)
    {
        var table = new TableClient(connectionString, TableNames.Councils);
        await table.CreateIfNotExistsAsync();
        foreach (var batch in councils.GroupBy(c => c.PartitionKey).SelectMany(region => region.Chunk(100)))
        {
            await table.SubmitTransactionAsync(batch.Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, c)));
        }
    }

    private static string? FindSharedFile()
    {
        for (var folder = new DirectoryInfo(BenchArguments.RepositoryRoot); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "data", "uk_local_authorities.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
