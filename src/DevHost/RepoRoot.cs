namespace SupportFunctions.DevHost;

/// <summary>The checkout the DevHost runs from: where node_modules, the tool manifest and the web build live.</summary>
public static class RepoRoot
{
    public static string Find()
    {
        var configured = Environment.GetEnvironmentVariable("SF_REPO_ROOT");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "SupportFunctions.sln")))
                {
                    return directory.FullName;
                }
            }
        }
        throw new InvalidOperationException("Run the DevHost inside the SupportFunctions checkout, or set SF_REPO_ROOT.");
    }
}
