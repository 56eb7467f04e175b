using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.DevHost;

/// <summary>
/// Calls a function method as the isolated worker would: a fresh DI scope, the class built by DI,
/// parameters bound by name from the trigger input.
/// </summary>
public sealed class FunctionInvoker(IServiceScopeFactory scopes, StorageRoundTrips roundTrips)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, InvocationStats> _stats = new(StringComparer.Ordinal);

    public sealed class InvocationStats
    {
        private long _succeeded;
        private long _failed;
        public long Succeeded => Interlocked.Read(ref _succeeded);
        public long Failed => Interlocked.Read(ref _failed);
        internal void Record(bool succeeded) => Interlocked.Increment(ref succeeded ? ref _succeeded : ref _failed);
    }

    public InvocationStats StatsOf(string function) => _stats.GetOrAdd(function, _ => new InvocationStats());

    public delegate object? ParameterSource(ParameterInfo parameter);

    public async Task<object?> InvokeAsync(FunctionEntry function, ParameterSource bind)
    {
        roundTrips.AttributeTo(function.Name, function.Trigger == TriggerKind.Http);
        await using var scope = scopes.CreateAsyncScope();
        var instance = function.Method.IsStatic
            ? null
            : ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Method.DeclaringType!);
        var arguments = function.Method.GetParameters().Select(p => bind(p)).ToArray();
        var stats = StatsOf(function.Name);
        try
        {
            var result = await Unwrap(function.Method.Invoke(instance, arguments));
            stats.Record(succeeded: true);
            return result;
        }
        catch (TargetInvocationException invocation) when (invocation.InnerException is not null)
        {
            stats.Record(succeeded: false);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(invocation.InnerException);
            throw;
        }
        catch
        {
            stats.Record(succeeded: false);
            throw;
        }
    }

    private static async Task<object?> Unwrap(object? returned)
    {
        switch (returned)
        {
            case Task task:
                await task;
                var resultProperty = task.GetType().GetProperty("Result");
                return resultProperty is null || resultProperty.PropertyType.Name == "VoidTaskResult" ? null : resultProperty.GetValue(task);
            case ValueTask valueTask:
                await valueTask;
                return null;
            default:
                return returned;
        }
    }

    /// <summary>Turns queue message text into the parameter type the function asked for.</summary>
    public static object? ConvertMessage(string text, Type target) => target switch
    {
        _ when target == typeof(string) => text,
        _ when target == typeof(BinaryData) => BinaryData.FromString(text),
        _ when target == typeof(byte[]) => System.Text.Encoding.UTF8.GetBytes(text),
        _ => JsonSerializer.Deserialize(text, target, JsonSerializerOptions.Web),
    };

    public static bool IsActionResult(object? value) => value is IActionResult;
}
