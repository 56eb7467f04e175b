using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace SupportFunctions.Functions.OpenApi;

/// <summary>An HTTP function as its attributes declare it: the route and methods of its trigger, and how it is documented.</summary>
public sealed record HttpFunction(
    string Name,
    MethodInfo Method,
    string Route,
    IReadOnlyList<string> HttpMethods,
    IReadOnlyList<ApiOperationAttribute> Operations,
    IReadOnlyList<ApiResponseAttribute> Responses)
{
    /// <summary>The documentation of one of its methods, if it has one.</summary>
    public ApiOperationAttribute? OperationFor(string httpMethod) =>
        Operations.SingleOrDefault(o => string.Equals(o.Method, httpMethod, StringComparison.OrdinalIgnoreCase))
        ?? (HttpMethods.Count == 1 && Operations is [{ Method: null } only] ? only : null);

    public IEnumerable<ApiResponseAttribute> ResponsesFor(string httpMethod) =>
        Responses.Where(r => r.Method is null || string.Equals(r.Method, httpMethod, StringComparison.OrdinalIgnoreCase));
}

public static class HttpFunctions
{
    /// <summary>Every <c>[Function]</c> method of the assembly whose trigger is an <c>HttpTrigger</c>, by name.</summary>
    public static IReadOnlyList<HttpFunction> In(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(Describe)
            .OfType<HttpFunction>()
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

    private static HttpFunction? Describe(MethodInfo method)
    {
        var function = method.GetCustomAttribute<FunctionAttribute>();
        var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().FirstOrDefault();
        if (function is null || trigger is null)
        {
            return null;
        }
        // Without methods the trigger answers GET and POST, as functions.metadata then says.
        var methods = (trigger.Methods is { Length: > 0 } declared ? declared : ["get", "post"]).Select(m => m.ToLowerInvariant()).ToList();
        return new HttpFunction(
            function.Name,
            method,
            trigger.Route ?? function.Name,
            methods,
            method.GetCustomAttributes<ApiOperationAttribute>().ToList(),
            method.GetCustomAttributes<ApiResponseAttribute>().ToList());
    }
}
