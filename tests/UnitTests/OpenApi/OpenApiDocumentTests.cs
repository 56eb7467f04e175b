using System.Text.Json.Nodes;
using SupportFunctions.Functions.OpenApi;

namespace SupportFunctions.UnitTests.OpenApi;

public sealed class OpenApiDocumentTests
{
    private static readonly JsonObject Document = OpenApiDocument.Build(typeof(OpenApiDocument).Assembly);
    private static readonly string[] OperationMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>An HTTP function as the build's functions.metadata lists it (what the Functions host and the DevHost serve).</summary>
    private sealed record MetadataRoute(string Function, string EntryPoint, string Route, IReadOnlyList<string> Methods);

    [Fact]
    public void Every_http_route_in_functions_metadata_is_documented_and_nothing_else()
    {
        var routes = MetadataRoutes();
        Assert.NotEmpty(routes);
        var undocumented = routes
            .SelectMany(r => r.Methods.Where(m => FunctionOf(r).OperationFor(m) is null)
                .Select(m => $"function {r.Function} ({m.ToUpperInvariant()} /{OpenApiDocument.RoutePrefix}/{r.Route}): add [ApiOperation(...)] " +
                    $"to {r.EntryPoint}" + (r.Methods.Count > 1 ? $" with Method = \"{m}\"" : "")))
            .ToList();
        Assert.True(undocumented.Count == 0,
            "HTTP functions without OpenAPI documentation (see docs/ARCHITECTURE.md, \"The OpenAPI document\"):\n" + string.Join("\n", undocumented));

        var stale = routes
            .SelectMany(r => FunctionOf(r).Operations.Concat<object>(FunctionOf(r).Responses)
                .Select(a => (r, method: a is ApiOperationAttribute o ? o.Method : ((ApiResponseAttribute)a).Method))
                .Where(x => x.method is not null && !x.r.Methods.Contains(x.method, StringComparer.OrdinalIgnoreCase)))
            .Select(x => $"function {x.r.Function} documents {x.method!.ToUpperInvariant()}, which its trigger does not answer")
            .ToList();
        Assert.True(stale.Count == 0, string.Join("\n", stale));

        var expected = routes.SelectMany(r => r.Methods.Select(m => $"{m.ToUpperInvariant()} {OpenApiDocument.PathOf(r.Route)}")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, DocumentedOperations().Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}").Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void The_document_serves_under_the_route_prefix_of_host_json()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")))!;
        var prefix = hostJson["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";

        Assert.Equal(OpenApiDocument.RoutePrefix, prefix);
        Assert.Equal("/" + prefix, Document["servers"]![0]!["url"]!.GetValue<string>());
        Assert.StartsWith("3.1.", Document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_operation_answers_a_2xx_with_a_schema_a_204_or_a_redirect()
    {
        var without = DocumentedOperations()
            .Where(o =>
            {
                var responses = o.Operation["responses"]!.AsObject();
                var success = responses.Where(r => r.Key.StartsWith('2') || r.Key.StartsWith('3')).ToList();
                return success.Count == 0 || !success.All(r => r.Key switch
                {
                    "204" => r.Value!["content"] is null,
                    var code when code.StartsWith('3') => r.Value!["headers"]?["Location"] is not null,
                    _ => r.Value!["content"]?["application/json"]?["schema"] is not null,
                });
            })
            .Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}")
            .ToList();
        Assert.Empty(without);
    }

    [Fact]
    public void Errors_are_problem_json_and_every_operation_says_who_may_call_it()
    {
        var problemResponses = Document["components"]!["responses"]!.AsObject();
        foreach (var (status, response) in problemResponses)
        {
            Assert.Equal("#/components/schemas/Problem", response!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
        }
        foreach (var (path, method, operation) in DocumentedOperations())
        {
            Assert.True(operation["security"] is JsonArray, $"{method} {path} has no security");
            var errors = operation["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5').ToList();
            Assert.Contains(errors, e => e.Key == "500");
            Assert.All(errors.Where(e => e.Value!["$ref"] is null), e => Assert.NotNull(e.Value!["content"]?["application/json"]));
        }
        var problem = Schema("Problem")["properties"]!.AsObject();
        Assert.All(new[] { "status", "title", "detail", "code", "errors", "correlationId" }, p => Assert.True(problem.ContainsKey(p), p));
    }

    [Fact]
    public void The_ticket_create_request_has_subject_and_description_and_answers_the_ticket()
    {
        var send = Operation("/tickets", "post");
        var request = Resolve(send["requestBody"]!["content"]!["application/json"]!["schema"]!);
        var properties = request["properties"]!.AsObject();

        Assert.Equal(["string", "null"], properties["subject"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.True(properties.ContainsKey("description"));
        Assert.Equal("array", properties["attachmentIds"]!["type"]![0]!.GetValue<string>());
        Assert.Equal("#/components/schemas/TicketView", send["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("Idempotency-Key", send["parameters"]!.AsArray().Single(p => p!["in"]!.GetValue<string>() == "header")!["name"]!.GetValue<string>());
    }

    [Fact]
    public void The_ticket_schema_is_what_the_serializer_writes()
    {
        var ticket = Schema("TicketView");
        var properties = ticket["properties"]!.AsObject();

        Assert.Contains("awaiting_customer", properties["status"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("date-time", properties["createdAt"]!["format"]!.GetValue<string>());
        Assert.Equal("integer", properties["id"]!["type"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/MessageView", properties["messages"]!["items"]!["$ref"]!.GetValue<string>());
        var required = ticket["required"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.Contains("subject", required);
        Assert.DoesNotContain("autoCloseAt", required);
        Assert.Contains("nextCursor", Schema("TicketListView")["required"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public void Security_names_the_session_for_customers_and_the_app_roles_for_staff_and_partners()
    {
        string[][] Requirements(string path, string method) => Operation(path, method)["security"]!.AsArray()
            .Select(r => r!.AsObject().Select(s => s.Key + ":" + string.Join(",", s.Value!.AsArray().Select(v => v!.GetValue<string>()))).ToArray())
            .ToArray();

        Assert.Equal([["customerSession:"], ["customerCookie:"]], Requirements("/tickets/{id}", "get"));
        Assert.Equal([["entra:Support.Admin"]], Requirements("/staff/partners", "get"));
        Assert.Equal([["entra:Support.Agent"], ["entra:Support.Admin"]], Requirements("/staff/departments", "get"));
        Assert.Equal([["entra:Support.Admin"]], Requirements("/staff/departments", "post"));
        Assert.Equal([["entra:Partner.Tickets"]], Requirements("/partner/v1/tickets", "post"));
        Assert.Empty(Requirements("/products", "get"));
        Assert.Contains("429", Operation("/partner/v1/tickets", "post")["responses"]!.AsObject().Select(r => r.Key));
    }

    [Fact]
    public void Every_reference_resolves_and_every_component_is_used()
    {
        var references = new List<string>();
        Collect(Document, references);
        var missing = references.Distinct().Where(r => ResolvePointer(r) is null).ToList();
        Assert.Empty(missing);

        var schemas = Document["components"]!["schemas"]!.AsObject().Select(s => "#/components/schemas/" + s.Key);
        Assert.Empty(schemas.Except(references));
    }

    private static List<MetadataRoute> MetadataRoutes() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")))!.AsArray()
            .Select(f => (function: f!, trigger: f!["bindings"]!.AsArray().FirstOrDefault(b => b!["type"]!.GetValue<string>() == "httpTrigger")))
            .Where(x => x.trigger is not null)
            .Select(x => new MetadataRoute(
                x.function["name"]!.GetValue<string>(),
                x.function["entryPoint"]!.GetValue<string>(),
                x.trigger!["route"]?.GetValue<string>() ?? x.function["name"]!.GetValue<string>(),
                x.trigger["methods"]?.AsArray().Select(m => m!.GetValue<string>().ToLowerInvariant()).ToList() ?? ["get", "post"]))
            .ToList();

    private static HttpFunction FunctionOf(MetadataRoute route) =>
        HttpFunctions.In(typeof(OpenApiDocument).Assembly).SingleOrDefault(f => f.Name == route.Function)
        ?? throw new InvalidOperationException($"function {route.Function} is in functions.metadata but not in the Functions assembly: rebuild");

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> DocumentedOperations() =>
        Document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(o => OperationMethods.Contains(o.Key))
            .Select(o => (p.Key, o.Key, o.Value!.AsObject())));

    private static JsonObject Operation(string path, string method) => Document["paths"]![path]![method]!.AsObject();

    private static JsonObject Schema(string name) => Document["components"]!["schemas"]![name]!.AsObject();

    private static JsonObject Resolve(JsonNode schema) =>
        schema["$ref"] is { } reference ? ResolvePointer(reference.GetValue<string>())!.AsObject() : schema.AsObject();

    private static JsonNode? ResolvePointer(string reference) =>
        reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Aggregate((JsonNode?)Document, (node, part) => node?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]);

    private static void Collect(JsonNode? node, List<string> references)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "$ref")
                    {
                        references.Add(value!.GetValue<string>());
                    }
                    else
                    {
                        Collect(value, references);
                    }
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Collect(item, references);
                }
                break;
        }
    }
}
