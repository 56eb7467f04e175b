using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SupportFunctions.Domain.Operations;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Operations;

public sealed class OperationsFunctions(ApiPipeline pipeline, CheckHealth checkHealth, ExpiryIndex expiries, TimerRunner timers)
{
    [Function("Health")]
    public Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var report = await checkHealth.RunAsync(call.Aborted);
            var body = new { report.Status, report.Storage, report.Version };
            return new ApiResult(report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, body)
                .WithHeader("Cache-Control", "no-store");
        });

    /// <summary>Deletes single-use tokens and idempotency records whose time is up.</summary>
    [Function("PurgeExpiredRecords")]
    public Task PurgeExpiredRecords([TimerTrigger("0 */15 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers.RunAsync(async token => $"{await expiries.PurgeDueAsync(token)} expired records deleted", cancellationToken);
}
