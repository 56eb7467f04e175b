namespace SupportFunctions.IntegrationTests.Infrastructure;

public static class Paths
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string DevHostDll => Path.Combine(RepoRoot, "src", "DevHost", "bin", Configuration, "net10.0", "SupportFunctions.DevHost.dll");

    public static string FunctionsMetadata => Path.Combine(RepoRoot, "src", "Functions", "bin", Configuration, "net10.0", "functions.metadata");

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SupportFunctions.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("SupportFunctions.sln not found above the test output.");
    }
}
