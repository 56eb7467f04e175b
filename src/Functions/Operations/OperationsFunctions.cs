using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SupportFunctions.Domain.Operations;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.OpenApi;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Operations;

public sealed class OperationsFunctions(ApiPipeline pipeline, CheckHealth checkHealth, ExpiryIndex expiries, MailOutboxRepair outboxRepair, TimerRunner timers)
{
    [Function("Health")]
    [ApiOperation("Health", Response = typeof(HealthView))]
    [ApiResponse(503, typeof(HealthView), Description = "Storage is unreachable.")]
    public Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var report = await checkHealth.RunAsync(call.Aborted);
            var body = new HealthView(report.Status, report.Storage, report.Version, report.Details);
            return new ApiResult(report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, body)
                .WithHeader("Cache-Control", "no-store");
        });

    /// <summary>Deletes single-use tokens and idempotency records whose time is up.</summary>
    [Function("PurgeExpiredRecords")]
    public Task PurgeExpiredRecords([TimerTrigger("0 */15 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers.RunAsync(async token => $"{await expiries.PurgeDueAsync(token)} expired records deleted", cancellationToken);

    /// <summary>Queues outbox mail (accounts, tickets) whose request died between committing the change and queuing the mail.</summary>
    [Function("RepairMailOutbox")]
    public Task RepairMailOutbox([TimerTrigger("30 */3 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers.RunAsync(async token => $"{await outboxRepair.RepairDueAsync(token)} outbox mails queued", cancellationToken);
}

public sealed record HealthView(string Status, string Storage, string Version, HealthDetails Details);
