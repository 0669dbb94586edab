namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>The repository's own files, for tests that read the source.</summary>
public static class RepositoryFiles
{
    /// <summary>The folder holding LocalGovStandard.sln, found upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LocalGovStandard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No LocalGovStandard.sln above {AppContext.BaseDirectory}.");
    }
}
