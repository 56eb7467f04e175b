using System.Text.Json.Nodes;

namespace SupportFunctions.DevHost;

/// <summary>Reads the Values of local.settings.json as configuration, as the Functions host does (<c>__</c> nests).</summary>
public static class LocalSettings
{
    public static IEnumerable<KeyValuePair<string, string?>> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        var values = JsonNode.Parse(File.ReadAllText(path))?["Values"]?.AsObject() ?? [];
        return values.Select(v => new KeyValuePair<string, string?>(v.Key.Replace("__", ":", StringComparison.Ordinal), v.Value?.ToString()));
    }
}
