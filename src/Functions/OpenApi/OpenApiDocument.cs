using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using SupportFunctions.Functions.Http;

namespace SupportFunctions.Functions.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of every HTTP function: routes and methods from the triggers, everything else from
/// <see cref="ApiOperationAttribute"/> and the request and response types it names.
/// </summary>
public static partial class OpenApiDocument
{
    /// <summary>host.json's <c>extensions.http.routePrefix</c>; the document's one server.</summary>
    public const string RoutePrefix = "api";

    public const string CustomerBearer = "customerSession";
    public const string CustomerCookie = "customerCookie";
    public const string Entra = "entra";

    private static readonly Lazy<JsonElement> Built = new(() => JsonSerializer.SerializeToElement(Build(typeof(OpenApiDocument).Assembly)));

    /// <summary>The document of this app, built once (it is the same for every request).</summary>
    public static JsonElement Current => Built.Value;

    public static JsonObject Build(Assembly functions)
    {
        var schemas = new ApiSchemas();
        var problems = new SortedSet<int>();
        var paths = new JsonObject();
        foreach (var route in HttpFunctions.In(functions).GroupBy(f => PathOf(f.Route)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var item = new JsonObject();
            foreach (var function in route)
            {
                foreach (var method in function.HttpMethods)
                {
                    item[method] = Operation(function, method, schemas, problems);
                }
            }
            paths[route.Key] = item;
        }

        var problemSchema = schemas.SchemaOf(typeof(Problem));
        var responses = new JsonObject();
        foreach (var status in problems)
        {
            responses[ProblemResponseName(status)] = ProblemResponse(status, problemSchema);
        }
        return new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject
            {
                ["title"] = "SupportFunctions API",
                ["version"] = functions.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
                ["description"] = "The help desk's HTTP API: customer accounts, certificates and tickets, the staff desk, and partners' " +
                    "certificates and tickets. JSON in camelCase, timestamps ISO 8601 UTC; errors are application/problem+json with " +
                    "a stable snake_case `code`; lists take `limit` and an opaque `cursor`; a POST that creates honours `Idempotency-Key`.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" + RoutePrefix }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas.Components(),
                ["responses"] = responses,
                ["securitySchemes"] = SecuritySchemes(),
            },
        };
    }

    /// <summary>The OpenAPI path of a route template: <c>tickets/{id:long}</c> → <c>/tickets/{id}</c>.</summary>
    public static string PathOf(string route) =>
        "/" + RouteParameter().Replace(route.Trim('/'), m => "{" + m.Groups["name"].Value + "}");

    public static IReadOnlyList<string> PathParametersOf(string route) =>
        RouteParameter().Matches(route).Select(m => m.Groups["name"].Value).ToList();

    public static string OperationIdOf(HttpFunction function, string method) =>
        function.HttpMethods.Count == 1 ? function.Name : function.Name + char.ToUpperInvariant(method[0]) + method[1..];

    private static JsonObject Operation(HttpFunction function, string method, ApiSchemas schemas, SortedSet<int> problems)
    {
        var documented = function.OperationFor(method);
        var operation = new JsonObject
        {
            ["operationId"] = OperationIdOf(function, method),
            ["summary"] = documented?.Summary ?? $"{function.Name} (not documented yet)",
            ["tags"] = new JsonArray(TagOf(function)),
        };
        var access = documented?.Access ?? ApiAccess.Anonymous;
        if (Describe(documented?.Description, access) is { } description)
        {
            operation["description"] = description;
        }
        operation["security"] = Security(access);

        var parameters = Parameters(function, documented);
        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }
        if (documented?.Request is { } request)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schemas.SchemaOf(request) } },
            };
        }

        var responses = new JsonObject();
        var success = documented?.Status ?? 200;
        responses[Code(success)] = Response(success, documented?.Response, description: null, schemas);
        foreach (var extra in function.ResponsesFor(method).Where(r => r.Status < 400 || r.Body is not null))
        {
            responses[Code(extra.Status)] = Response(extra.Status, extra.Body, extra.Description, schemas);
        }
        foreach (var status in ErrorsOf(function, documented, method).Where(s => !responses.ContainsKey(Code(s))))
        {
            problems.Add(status);
            responses[Code(status)] = new JsonObject { ["$ref"] = "#/components/responses/" + ProblemResponseName(status) };
        }
        operation["responses"] = responses;
        return operation;
    }

    private static JsonArray Parameters(HttpFunction function, ApiOperationAttribute? documented)
    {
        var parameters = new JsonArray();
        foreach (var name in PathParametersOf(function.Route))
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }
        foreach (var name in documented?.Query ?? [])
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "query", ["required"] = false, ["schema"] = new JsonObject { ["type"] = "string" } });
        }
        var headers = documented?.Headers ?? ApiHeaders.None;
        if (headers.HasFlag(ApiHeaders.IdempotencyKey))
        {
            parameters.Add(Header(IdempotencyStore.Header, required: false,
                "1 to 200 visible ASCII characters (a UUID): the same key from the same caller within 24 h answers the first result again and creates nothing."));
        }
        if (headers.HasFlag(ApiHeaders.IfMatch) || headers.HasFlag(ApiHeaders.IfMatchRequired))
        {
            parameters.Add(Header("If-Match", required: headers.HasFlag(ApiHeaders.IfMatchRequired),
                "The `etag` last read: the change is refused with 412 when the object changed since."));
        }
        return parameters;
    }

    private static JsonObject Header(string name, bool required, string description) => new()
    {
        ["name"] = name,
        ["in"] = "header",
        ["required"] = required,
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = "string" },
    };

    /// <summary>The problem statuses an operation can answer, from what it takes and who may call it.</summary>
    private static SortedSet<int> ErrorsOf(HttpFunction function, ApiOperationAttribute? documented, string method)
    {
        var errors = new SortedSet<int>(documented?.Errors ?? []) { 500 };
        var access = documented?.Access ?? ApiAccess.Anonymous;
        if (access is not ApiAccess.Anonymous)
        {
            // An invalid credential is refused even where none is needed.
            errors.Add(401);
        }
        if (access is not ApiAccess.Anonymous and not ApiAccess.Customer and not ApiAccess.OptionalCustomer || method != "get")
        {
            // For a customer: a cookie-authenticated unsafe method without the page's X-CSRF-Token.
            errors.Add(403);
        }
        if (access is ApiAccess.PartnerCertificates or ApiAccess.PartnerTickets)
        {
            errors.Add(429);
        }
        if (documented?.Request is not null)
        {
            errors.UnionWith([400, 413, 415, 422]);
        }
        if (documented?.Query is { Length: > 0 })
        {
            errors.Add(400);
        }
        if (PathParametersOf(function.Route).Count > 0)
        {
            errors.Add(404);
        }
        var headers = documented?.Headers ?? ApiHeaders.None;
        if (headers.HasFlag(ApiHeaders.IdempotencyKey))
        {
            errors.UnionWith([409, 422]);
        }
        if (headers.HasFlag(ApiHeaders.IfMatch) || headers.HasFlag(ApiHeaders.IfMatchRequired))
        {
            errors.Add(412);
        }
        if (headers.HasFlag(ApiHeaders.IfMatchRequired))
        {
            errors.Add(428);
        }
        errors.UnionWith(function.ResponsesFor(method).Where(r => r.Status >= 400 && r.Body is null).Select(r => r.Status));
        return errors;
    }

    private static JsonObject Response(int status, Type? body, string? description, ApiSchemas schemas)
    {
        var response = new JsonObject { ["description"] = description ?? ReasonPhrases.GetReasonPhrase(status) };
        if (status is >= 300 and < 400)
        {
            response["headers"] = new JsonObject
            {
                ["Location"] = new JsonObject { ["description"] = "Where to go.", ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "uri" } },
            };
        }
        if (body is not null)
        {
            response["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schemas.SchemaOf(body) } };
        }
        return response;
    }

    private static JsonObject ProblemResponse(int status, JsonNode problemSchema)
    {
        var response = new JsonObject
        {
            ["description"] = ProblemDescriptions.GetValueOrDefault(status, ReasonPhrases.GetReasonPhrase(status)),
            ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = problemSchema.DeepClone() } },
        };
        if (status == 429)
        {
            response["headers"] = new JsonObject
            {
                ["Retry-After"] = new JsonObject { ["description"] = "Seconds to wait.", ["schema"] = new JsonObject { ["type"] = "integer" } },
            };
        }
        return response;
    }

    private static readonly Dictionary<int, string> ProblemDescriptions = new()
    {
        [400] = "Malformed: the body is not JSON for this operation (`malformed_json`), or fields or parameters are invalid (`validation_failed`, each field in `errors`).",
        [401] = "No credentials, or invalid ones.",
        [403] = "Authenticated but not allowed (a missing app role, or a cookie session without `X-CSRF-Token`).",
        [404] = "Not found, or not yours.",
        [409] = "Conflict with the object's state, or the same `Idempotency-Key` is still being worked on.",
        [412] = "`If-Match` names a version that is no longer current.",
        [413] = "The body is larger than the API accepts.",
        [415] = "The body is not application/json.",
        [422] = "A rule refused it; `code` says which.",
        [428] = "`If-Match` is required.",
        [429] = "Too many requests; try again after `Retry-After` seconds.",
        [500] = "Something failed; the body carries only the correlation id.",
        [503] = "A dependency is unavailable.",
    };

    private static string ProblemResponseName(int status) => ReasonPhrases.GetReasonPhrase(status).Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    private static string Code(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string TagOf(HttpFunction function) => function.Method.DeclaringType!.Namespace!.Split('.')[^1];

    private static string? Describe(string? description, ApiAccess access)
    {
        var roles = RolesOf(access);
        var needs = roles.Count == 0 ? null : $"Needs the app role {string.Join(" or ", roles)}.";
        return string.Join(" ", new[] { description, needs }.Where(s => s is not null)) is { Length: > 0 } text ? text : null;
    }

    private static IReadOnlyList<string> RolesOf(ApiAccess access) => access switch
    {
        ApiAccess.Agent => [Domain.Identity.StaffCaller.AgentRole, Domain.Identity.StaffCaller.AdminRole],
        ApiAccess.Admin => [Domain.Identity.StaffCaller.AdminRole],
        ApiAccess.PartnerCertificates => [Domain.Identity.PartnerCaller.CertificatesRole],
        ApiAccess.PartnerTickets => [Domain.Identity.PartnerCaller.TicketsRole],
        _ => [],
    };

    /// <summary>OpenAPI 3.1 lets a bearer requirement list role names; each role is one alternative.</summary>
    private static JsonArray Security(ApiAccess access) => access switch
    {
        ApiAccess.Anonymous => [],
        ApiAccess.OptionalCustomer => [new JsonObject(), Requirement(CustomerBearer), Requirement(CustomerCookie)],
        ApiAccess.Customer => [Requirement(CustomerBearer), Requirement(CustomerCookie)],
        _ => new JsonArray(RolesOf(access).Select(role => (JsonNode)Requirement(Entra, role)).ToArray()),
    };

    private static JsonObject Requirement(string scheme, params string[] roles) =>
        new() { [scheme] = new JsonArray(roles.Select(r => (JsonNode)r).ToArray()) };

    private static JsonObject SecuritySchemes() => new()
    {
        [CustomerBearer] = new JsonObject
        {
            ["type"] = "http",
            ["scheme"] = "bearer",
            ["bearerFormat"] = "sfc1",
            ["description"] = "A customer's session: the `accessToken` from `POST /api/session`.",
        },
        [CustomerCookie] = new JsonObject
        {
            ["type"] = "apiKey",
            ["in"] = "cookie",
            ["name"] = Accounts.CustomerSessionSource.SessionCookie,
            ["description"] = $"The browser's session cookie, set by `POST /api/session`; unsafe methods also send `{Accounts.CustomerSessionSource.CsrfHeader}` " +
                $"equal to the `{Accounts.CustomerSessionSource.CsrfCookie}` cookie.",
        },
        [Entra] = new JsonObject
        {
            ["type"] = "http",
            ["scheme"] = "bearer",
            ["bearerFormat"] = "JWT",
            ["description"] = "A Microsoft Entra ID access token for this API. Staff carry the app roles `Support.Agent` or `Support.Admin`; " +
                "partners (client credentials) `Partner.Certificates` or `Partner.Tickets`. On the local stack `POST /api/dev/tokens` signs equivalent tokens.",
        },
    };

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
