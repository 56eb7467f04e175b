namespace SupportFunctions.Functions.OpenApi;

/// <summary>Who may call an operation; becomes its <c>security</c> in the OpenAPI document.</summary>
public enum ApiAccess
{
    Anonymous,
    /// <summary>Anyone; a customer session, when sent, is used (signing out).</summary>
    OptionalCustomer,
    Customer,
    /// <summary>Staff with <c>Support.Agent</c> or <c>Support.Admin</c>.</summary>
    Agent,
    Admin,
    PartnerCertificates,
    PartnerTickets,
}

/// <summary>Request headers an operation reads.</summary>
[Flags]
public enum ApiHeaders
{
    None = 0,
    IdempotencyKey = 1,
    IfMatch = 2,
    IfMatchRequired = 4,
}

/// <summary>
/// Documents one method of an HTTP function for <c>GET /api/openapi.json</c>. The route and methods come from the function's
/// <c>HttpTrigger</c>; a function that answers several methods carries one of these per method, each naming its <see cref="Method"/>.
/// Errors the operation's shape implies (401/403 from <see cref="Access"/>, 400/413/415/422 from a body, 404 from a path
/// parameter, 412/428 from If-Match, 429 for partners, 500 always) are added; <see cref="Errors"/> lists the others.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ApiOperationAttribute(string summary) : Attribute
{
    public string Summary { get; } = summary;

    public string? Description { get; set; }

    /// <summary>The HTTP method described, when the trigger has more than one.</summary>
    public string? Method { get; set; }

    public ApiAccess Access { get; set; }

    /// <summary>The JSON body type the handler reads with <c>ReadJsonAsync</c>.</summary>
    public Type? Request { get; set; }

    /// <summary>The success status: 200, 201, 202, 204 or a 302 redirect.</summary>
    public int Status { get; set; } = 200;

    /// <summary>The success body type (none for 204 and 302).</summary>
    public Type? Response { get; set; }

    /// <summary>Query parameters the handler reads.</summary>
    public string[] Query { get; set; } = [];

    public ApiHeaders Headers { get; set; }

    /// <summary>Error statuses beyond those implied, answered as problem+json.</summary>
    public int[] Errors { get; set; } = [];
}

/// <summary>A further response of an operation with its own body type (a PUT that may also create, a 503 health report).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ApiResponseAttribute(int status, Type? body = null) : Attribute
{
    public int Status { get; } = status;

    public Type? Body { get; } = body;

    public string? Description { get; set; }

    /// <summary>The HTTP method whose response this is, when the trigger has more than one.</summary>
    public string? Method { get; set; }
}
