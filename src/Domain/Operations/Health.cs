namespace SupportFunctions.Domain.Operations;

/// <summary>Port: can the storage account be reached right now?</summary>
public interface IStorageProbe
{
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}

public sealed record HealthReport(string Status, string Storage, string Version)
{
    public bool IsHealthy => Status == "healthy";
}

public sealed class CheckHealth(IStorageProbe storage, string version)
{
    public async Task<HealthReport> RunAsync(CancellationToken cancellationToken)
    {
        var reachable = await storage.IsReachableAsync(cancellationToken);
        return reachable
            ? new HealthReport("healthy", "reachable", version)
            : new HealthReport("unhealthy", "unreachable", version);
    }
}
