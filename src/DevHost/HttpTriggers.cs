using System.ComponentModel;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace SupportFunctions.DevHost;

/// <summary>Maps every httpTrigger in the catalogue to an endpoint with its methods and route under the host's prefix.</summary>
public static class HttpTriggers
{
    public static void Map(IEndpointRouteBuilder endpoints, IEnumerable<FunctionEntry> functions, string routePrefix)
    {
        foreach (var function in functions.Where(f => f.Trigger == TriggerKind.Http))
        {
            var pattern = "/" + string.Join('/', new[] { routePrefix, function.Route ?? function.Name }.Where(s => !string.IsNullOrEmpty(s)));
            endpoints.MapMethods(pattern, function.HttpMethods, context => InvokeAsync(context, function))
                .WithDisplayName(function.Name)
                .WithMetadata(function);
        }
    }

    private static async Task InvokeAsync(HttpContext context, FunctionEntry function)
    {
        var invoker = context.RequestServices.GetRequiredService<FunctionInvoker>();
        var returned = await invoker.InvokeAsync(function, parameter => Bind(parameter, function, context));
        switch (returned)
        {
            case IActionResult result:
                await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case null:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                await context.Response.WriteAsJsonAsync(returned, returned.GetType());
                break;
        }
    }

    private static object? Bind(ParameterInfo parameter, FunctionEntry function, HttpContext context)
    {
        if (parameter.ParameterType == typeof(HttpRequest) || parameter.Name == function.TriggerParameter)
        {
            return context.Request;
        }
        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context.RequestAborted;
        }
        if (context.Request.RouteValues.TryGetValue(parameter.Name!, out var routeValue) && routeValue is not null)
        {
            return TypeDescriptor.GetConverter(parameter.ParameterType).ConvertFromInvariantString(routeValue.ToString()!);
        }
        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }
        throw new NotSupportedException($"Function {function.Name}: the DevHost cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}).");
    }
}
