using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SupportFunctions.UnitTests.Infra;

/// <summary>A resource of the compiled template, with the (nested) template it is declared in: its variables and parameters.</summary>
public sealed record TemplateResource(JsonObject Resource, JsonObject Template)
{
    public string Type => Resource["type"]!.GetValue<string>();
    public string Name => Resource["name"]!.GetValue<string>();
    public JsonNode? Properties => Resource["properties"];

    public JsonArray Variable(string name) => Template["variables"]![name]!.AsArray();
}

/// <summary>
/// infra/bicep/main.bicep as `bicep build` writes it (infra/bicep/obj/bicep/main.json; building
/// SupportFunctions.Infra.csproj, which this test project references, compiles and lints it first).
/// </summary>
public static partial class CompiledTemplate
{
    public static readonly string RepoRoot = FindRepoRoot();
    public static readonly JsonObject Main = Load();
    public static readonly IReadOnlyList<TemplateResource> Resources = ResourcesOf(Main).ToList();

    public static IEnumerable<TemplateResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public static TemplateResource OneOf(string type) => Assert.Single(OfType(type));

    public static JsonObject Parameters => Main["parameters"]!.AsObject();

    /// <summary>The Function App's app settings, name to value (an ARM expression or a literal).</summary>
    public static IReadOnlyDictionary<string, string> AppSettings { get; } = ReadAppSettings();

    /// <summary>
    /// The names a resource creates: the last segment of its name, a literal (<c>'keys'</c>), a variable or each element
    /// of an array variable it is copied over (<c>variables('tableNames')[copyIndex()]</c>).
    /// </summary>
    public static IEnumerable<string> NamesCreated(string type) => OfType(type).SelectMany(NamesOf);

    private static IEnumerable<string> NamesOf(TemplateResource resource)
    {
        var name = resource.Name;
        if (CopiedVariable().Match(name) is { Success: true } copied)
        {
            return resource.Variable(copied.Groups[1].Value).Select(n => n!.GetValue<string>());
        }
        if (PlainVariable().Match(name) is { Success: true } variable)
        {
            return [resource.Template["variables"]![variable.Groups[1].Value]!.GetValue<string>()];
        }
        if (LiteralSegment().Match(name) is { Success: true } literal)
        {
            return [literal.Groups[1].Value];
        }
        throw new InvalidOperationException($"Cannot tell what {resource.Type} '{name}' is called.");
    }

    private static IEnumerable<TemplateResource> ResourcesOf(JsonObject template)
    {
        // languageVersion 2.0 templates keep resources by symbolic name; older ones in an array.
        var resources = template["resources"] switch
        {
            JsonObject bySymbol => bySymbol.Select(r => r.Value!.AsObject()),
            JsonArray list => list.Select(r => r!.AsObject()),
            _ => [],
        };
        foreach (var resource in resources)
        {
            yield return new TemplateResource(resource, template);
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in ResourcesOf(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    private static Dictionary<string, string> ReadAppSettings()
    {
        // main.bicep passes the settings to the Function App module as one object; the module adds
        // Certificates__Plans__{plan} for each plan of the certificatePlans parameter.
        var module = Resources.Single(r => r.Type == "Microsoft.Resources/deployments"
            && r.Properties?["template"]?.ToJsonString().Contains("\"Microsoft.Web/sites\"", StringComparison.Ordinal) == true);
        var settings = module.Properties!["parameters"]!["settings"]!["value"]!.AsObject()
            .ToDictionary(s => s.Key, s => s.Value!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        var site = OneOf("Microsoft.Web/sites");
        Assert.Contains("variables('planSettings')", site.Properties!["siteConfig"]!["appSettings"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Certificates__Plans__", site.Template["variables"]!.ToJsonString(), StringComparison.Ordinal);
        foreach (var plan in Parameters["certificatePlans"]!["defaultValue"]!.AsObject())
        {
            settings[$"Certificates__Plans__{plan.Key}"] = $"[parameters('certificatePlans').{plan.Key}]";
        }
        return settings;
    }

    private static JsonObject Load()
    {
        var path = Path.Combine(RepoRoot, "infra", "bicep", "obj", "bicep", "main.json");
        Assert.True(File.Exists(path), $"{path} is missing: build infra/bicep/SupportFunctions.Infra.csproj (dotnet build compiles the Bicep).");
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SupportFunctions.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("No SupportFunctions.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"variables\('(\w+)'\)\[copyIndex\(\)\]\)\]$")]
    private static partial Regex CopiedVariable();

    [GeneratedRegex(@"variables\('(\w+)'\)\)\]$")]
    private static partial Regex PlainVariable();

    [GeneratedRegex(@"'([^']+)'\)\]$")]
    private static partial Regex LiteralSegment();
}
