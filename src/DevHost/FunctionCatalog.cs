using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportFunctions.DevHost;

public enum TriggerKind { Http, Timer, Queue }

/// <summary>One function as functions.metadata describes it, resolved to the method that implements it.</summary>
public sealed record FunctionEntry(
    string Name,
    TriggerKind Trigger,
    string TriggerParameter,
    MethodInfo Method,
    JsonObject TriggerBinding)
{
    public string? Route => TriggerBinding["route"]?.GetValue<string>();
    public string[] HttpMethods => TriggerBinding["methods"]?.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).ToArray() ?? ["GET", "POST"];
    public string? Schedule => TriggerBinding["schedule"]?.GetValue<string>();
    public string? QueueName => TriggerBinding["queueName"]?.GetValue<string>();
}

/// <summary>Reads the same functions.metadata the Functions host reads, so routes and schedules cannot drift.</summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<FunctionEntry> Load(string metadataPath, Assembly functionsAssembly)
    {
        if (!File.Exists(metadataPath))
        {
            throw new FileNotFoundException($"functions.metadata not found at {metadataPath}; build src/Functions first.", metadataPath);
        }
        var functions = JsonNode.Parse(File.ReadAllText(metadataPath))!.AsArray();
        return functions.Select(f => Resolve(f!.AsObject(), functionsAssembly)).ToList();
    }

    private static FunctionEntry Resolve(JsonObject function, Assembly assembly)
    {
        var name = function["name"]!.GetValue<string>();
        var entryPoint = function["entryPoint"]!.GetValue<string>();
        var bindings = function["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList();
        var trigger = bindings.Single(b => b["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal));
        var unsupported = bindings.Where(b => b != trigger && b["type"]!.GetValue<string>() != "http").ToList();
        if (unsupported.Count > 0)
        {
            throw new NotSupportedException(
                $"Function {name}: the DevHost does not run '{unsupported[0]["type"]}' bindings; write through the app's own ports instead.");
        }

        var split = entryPoint.LastIndexOf('.');
        var type = assembly.GetType(entryPoint[..split], throwOnError: true)!;
        var method = type.GetMethod(entryPoint[(split + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            ?? throw new MissingMethodException(type.FullName, entryPoint[(split + 1)..]);

        var kind = trigger["type"]!.GetValue<string>() switch
        {
            "httpTrigger" => TriggerKind.Http,
            "timerTrigger" => TriggerKind.Timer,
            "queueTrigger" => TriggerKind.Queue,
            var other => throw new NotSupportedException($"Function {name}: the DevHost does not run '{other}' triggers."),
        };
        return new FunctionEntry(name, kind, trigger["name"]!.GetValue<string>(), method, trigger);
    }

    public static string ToJson(IEnumerable<FunctionEntry> entries) =>
        JsonSerializer.Serialize(entries.Select(e => new { e.Name, trigger = e.Trigger.ToString().ToLowerInvariant(), e.Route, methods = e.Trigger == TriggerKind.Http ? e.HttpMethods : null, e.Schedule, e.QueueName }));
}
