using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SupportFunctions.Functions.Http;

namespace SupportFunctions.Functions.OpenApi;

/// <summary>
/// JSON Schemas of the API's request and response types as <see cref="ApiJson.Options"/> reads and writes them. Each of the
/// app's own object types is described once, under <c>components/schemas</c>, and referenced wherever it appears.
/// </summary>
public sealed class ApiSchemas
{
    public const string ComponentsPointer = "#/components/schemas/";

    /// <summary>
    /// The API's options except that numbers are described as numbers: the web defaults also read a number sent as a
    /// string, and saying so in every schema would describe what clients should not send.
    /// </summary>
    private static readonly JsonSerializerOptions SchemaOptions = CreateSchemaOptions();

    private readonly SortedDictionary<string, JsonNode> _components = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _typeByName = new(StringComparer.Ordinal);

    /// <summary>A schema for <paramref name="type"/>: a <c>$ref</c> for the app's own object types, inline for the rest.</summary>
    public JsonNode SchemaOf(Type type) =>
        JsonSchemaExporter.GetJsonSchemaAsNode(SchemaOptions, type, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Transform,
        });

    /// <summary>Every component schema referenced so far, by name.</summary>
    public JsonObject Components()
    {
        var components = new JsonObject();
        foreach (var (name, schema) in _components)
        {
            components[name] = schema.DeepClone();
        }
        return components;
    }

    private JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema)
    {
        var type = context.TypeInfo.Type;
        if ((Nullable.GetUnderlyingType(type) ?? type) == typeof(DateTimeOffset))
        {
            // The API writes timestamps with its own converter, which the exporter cannot see into.
            return new JsonObject
            {
                ["type"] = type == typeof(DateTimeOffset) ? "string" : new JsonArray("string", "null"),
                ["format"] = "date-time",
            };
        }
        if (schema is JsonObject { } named && named["enum"] is JsonArray values && named["type"] is null)
        {
            // Enums are written by name; saying they are strings helps code generators.
            named["type"] = values.Any(v => v is null) ? new JsonArray("string", "null") : "string";
        }
        if (context.TypeInfo.Kind != JsonTypeInfoKind.Object || !IsAppType(type) || schema is not JsonObject described)
        {
            return schema;
        }
        SetRequired(context.TypeInfo, described);
        var nullable = RemoveNull(described);
        var name = Register(type, described);
        var reference = new JsonObject { ["$ref"] = ComponentsPointer + name };
        return nullable ? new JsonObject { ["anyOf"] = new JsonArray(reference, new JsonObject { ["type"] = "null" }) } : reference;
    }

    private string Register(Type type, JsonObject schema)
    {
        var name = type.Name;
        if (_typeByName.TryGetValue(name, out var registered) && registered != type)
        {
            throw new InvalidOperationException(
                $"Two API types are both named {name} ({registered.FullName} and {type.FullName}); rename one, their schemas share components/schemas.");
        }
        _typeByName[name] = type;
        _components[name] = schema;
        return name;
    }

    /// <summary>
    /// Required are the properties always written: those that cannot be null (nulls are left out), and those written even
    /// when null. A request property that can be null may be left out.
    /// </summary>
    private static void SetRequired(JsonTypeInfo typeInfo, JsonObject schema)
    {
        var properties = schema["properties"] as JsonObject;
        var required = typeInfo.Properties
            .Where(p => properties?[p.Name] is { } property && (!AllowsNull(property) || IsWrittenWhenNull(p)))
            .Select(p => (JsonNode)p.Name)
            .ToArray();
        schema.Remove("required");
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray(required);
        }
    }

    private static bool AllowsNull(JsonNode schema) => schema switch
    {
        JsonObject o when o["type"] is JsonArray types => types.Any(t => t?.GetValue<string>() == "null"),
        JsonObject o when o["enum"] is JsonArray values => values.Any(v => v is null),
        JsonObject o when o["anyOf"] is JsonArray options => options.Any(option => option is not null && AllowsNull(option)),
        JsonObject o => o["type"]?.GetValue<string>() == "null" || (o["type"] is null && o["$ref"] is null && o["enum"] is null),
        _ => true,
    };

    private static bool IsWrittenWhenNull(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>()
            .Any(ignore => ignore.Condition == JsonIgnoreCondition.Never) == true;

    /// <summary>Takes <c>"null"</c> out of the schema's <c>type</c>; true when it was there.</summary>
    private static bool RemoveNull(JsonObject schema)
    {
        if (schema["type"] is not JsonArray types || !types.Any(t => t?.GetValue<string>() == "null"))
        {
            return false;
        }
        var rest = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
        schema["type"] = rest.Count == 1 ? rest[0] : new JsonArray(rest.Select(t => (JsonNode)t).ToArray());
        return true;
    }

    private static bool IsAppType(Type type) =>
        type.Namespace?.StartsWith("SupportFunctions.", StringComparison.Ordinal) == true && !type.IsGenericType;

    private static JsonSerializerOptions CreateSchemaOptions()
    {
        var options = new JsonSerializerOptions(ApiJson.Options) { NumberHandling = JsonNumberHandling.Strict };
        options.MakeReadOnly();
        return options;
    }
}
