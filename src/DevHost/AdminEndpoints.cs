using System.Net;
using SupportFunctions.Functions.Operations;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.DevHost;

/// <summary>
/// Local-only controls, shaped like the Functions host's admin API where it has one
/// (<c>POST /admin/functions/{name}</c> runs a non-HTTP function now). Refused from any non-loopback address.
/// </summary>
public static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, IReadOnlyList<FunctionEntry> functions)
    {
        var admin = endpoints.MapGroup("/admin").AddEndpointFilter(async (context, next) =>
            IPAddress.IsLoopback(context.HttpContext.Connection.RemoteIpAddress ?? IPAddress.None)
                ? await next(context)
                : Results.Problem(statusCode: 403, title: "Forbidden", detail: "The admin API answers only on loopback."));

        admin.MapGet("/functions", () => Results.Content(FunctionCatalog.ToJson(functions), "application/json"));

        admin.MapPost("/functions/{name}", async (string name, HttpRequest request, TimerTriggers timers, QueueTriggers queues) =>
        {
            var function = functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
            if (function is null || function.Trigger == TriggerKind.Http)
            {
                return Results.Problem(statusCode: 404, title: "Not Found", detail: $"No timer or queue function named '{name}'.");
            }
            var invocation = await request.ReadFromJsonAsync<Invocation>() ?? new Invocation(null);
            if (function.Trigger == TriggerKind.Timer)
            {
                await timers.RunAsync(function, request.HttpContext.RequestAborted);
            }
            else
            {
                await queues.RunAsync(function, invocation.Input ?? "", request.HttpContext.RequestAborted);
            }
            return Results.Accepted();
        });

        admin.MapGet("/functions/{name}/stats", (string name, FunctionInvoker invoker) =>
        {
            var stats = invoker.StatsOf(name);
            return Results.Ok(new { succeeded = stats.Succeeded, failed = stats.Failed });
        });

        admin.MapGet("/storage/round-trips", (StorageRoundTrips roundTrips) => Results.Ok(new
        {
            count = roundTrips.ForRequests,
            background = roundTrips.InBackground,
            byFunction = roundTrips.ByFunction.ToDictionary(f => f.Key, f => new { roundTrips = f.Value.RoundTrips, entitiesRead = f.Value.EntitiesRead }),
        }));
        admin.MapPost("/storage/round-trips/reset", (StorageRoundTrips roundTrips) =>
        {
            roundTrips.Reset();
            return Results.NoContent();
        });

        admin.MapGet("/clock", (AdjustableClock clock) => Results.Ok(new { now = clock.UtcNow, offset = clock.Offset.ToString() }));
        admin.MapPost("/clock/advance", (ClockAdvance advance, AdjustableClock clock) =>
        {
            clock.Advance(advance.By);
            return Results.Ok(new { now = clock.UtcNow, offset = clock.Offset.ToString() });
        });
        admin.MapDelete("/clock", (AdjustableClock clock) =>
        {
            clock.Reset();
            return Results.NoContent();
        });

        admin.MapGet("/dependencies", (LocalDependencies dependencies) =>
            Results.Ok(dependencies.Started.Select(d => new { name = d.Name, pid = d.ProcessId, running = d.Running })));
        admin.MapPost("/dependencies/{name}/stop", async (string name, LocalDependencies dependencies) =>
            !dependencies.Started.Any(d => d.Name == name) ? UnknownDependency(name)
            : await dependencies.StopAsync(name) ? Results.NoContent()
            : Results.Problem(statusCode: 409, title: "Conflict", detail: $"{name} is not running."));
        admin.MapPost("/dependencies/{name}/start", async (string name, LocalDependencies dependencies, CancellationToken cancellationToken) =>
            !dependencies.Started.Any(d => d.Name == name) ? UnknownDependency(name)
            : await dependencies.RestartAsync(name, cancellationToken) ? Results.NoContent()
            : Results.Problem(statusCode: 409, title: "Conflict", detail: $"{name} is running."));

        admin.MapPost("/seed", async (DemoData demo, CancellationToken cancellationToken) =>
        {
            await demo.SeedAsync(cancellationToken);
            return Results.NoContent();
        });
    }

    private static IResult UnknownDependency(string name) =>
        Results.Problem(statusCode: 404, title: "Not Found", detail: $"This DevHost did not start a dependency named '{name}'.");

    private sealed record Invocation(string? Input);

    /// <summary><c>{"by": "1.00:00:00"}</c> moves the app's clock one day ahead.</summary>
    private sealed record ClockAdvance(TimeSpan By);
}
