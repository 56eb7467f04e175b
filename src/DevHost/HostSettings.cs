using System.Text.Json.Nodes;

namespace SupportFunctions.DevHost;

/// <summary>The parts of host.json the DevHost honours, with the Functions host's defaults.</summary>
public sealed record HostSettings(string RoutePrefix, int MaxDequeueCount, TimeSpan VisibilityTimeout, int BatchSize, TimeSpan MaxPollingInterval)
{
    /// <summary>
    /// How long a message being handled stays hidden from other pollers. A message whose handler could not even put it back
    /// (storage was down) reappears after this; the Functions host's own lease is 10 minutes.
    /// </summary>
    public TimeSpan MessageLease { get; init; } = TimeSpan.FromMinutes(5);

    public static HostSettings Load(string hostJsonPath)
    {
        var root = File.Exists(hostJsonPath) ? JsonNode.Parse(File.ReadAllText(hostJsonPath))!.AsObject() : new JsonObject();
        var http = root["extensions"]?["http"];
        var queues = root["extensions"]?["queues"];
        return new HostSettings(
            RoutePrefix: http?["routePrefix"]?.GetValue<string>() ?? "api",
            MaxDequeueCount: queues?["maxDequeueCount"]?.GetValue<int>() ?? 5,
            VisibilityTimeout: TimeSpan.Parse(queues?["visibilityTimeout"]?.GetValue<string>() ?? "00:00:00", System.Globalization.CultureInfo.InvariantCulture),
            BatchSize: queues?["batchSize"]?.GetValue<int>() ?? 16,
            MaxPollingInterval: TimeSpan.Parse(queues?["maxPollingInterval"]?.GetValue<string>() ?? "00:01:00", System.Globalization.CultureInfo.InvariantCulture));
    }
}
