namespace LocalGovStandard.Tests.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The repository root: the folder above the test binaries that holds package.json.</summary>
    public static string Root { get; } = FindRoot();

    public static string NodeModules => Path.Combine(Root, "node_modules");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "package.json")) && File.Exists(Path.Combine(directory.FullName, "host.json")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (package.json beside host.json) above " + AppContext.BaseDirectory);
    }
}
