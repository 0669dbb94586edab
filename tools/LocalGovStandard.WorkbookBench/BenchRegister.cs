using LocalGovStandard.Register;

namespace LocalGovStandard.WorkbookBench;

/// <summary>The councils the benchmarks run over: the real UK register when this machine has it (benchmarks only; tests never read it).</summary>
public static class BenchRegister
{
    /// <summary>The current councils of the UK register, or, without the file, 397 made-up ones.</summary>
    public static async Task<IReadOnlyList<Council>> LoadAsync(string? registerPath)
    {
        if (registerPath is null)
        {
            return Enumerable.Range(0, 397)
                .Select(i => new Council($"X{i:D3}", $"X{i:D8}", $"Council {i}", $"Council {i}", "England", Regions.All[i % Regions.All.Count], "Unitary authority", null, true))
                .ToList();
        }

        using var reader = new StreamReader(registerPath);
        var (entities, _) = await RegisterCsv.ReadAsync(reader, CancellationToken.None);
        return entities.Select(Council.From).Where(c => c.CanSignUp).ToList();
    }

    /// <summary>The shared data folder beside the repository (../shared/data), if this machine has it.</summary>
    public static string? FindShared()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
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
