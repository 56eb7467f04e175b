using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SupportFunctions.Domain.Notifications;
using SupportFunctions.Domain.Operations;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.OpenApi;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Operations;

public sealed class OperationsFunctions(ApiPipeline pipeline, CheckHealth checkHealth, ExpiryIndex expiries, MailOutboxRepair outboxRepair, PoisonRevival poisonRevival, TimerRunner timers)
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

    /// <summary>
    /// Queues outbox mail (accounts, tickets) whose request died between committing the change and queuing the mail, and
    /// mail that failed every try while the mail server was down (each at most 5 times; delivery is idempotent per id).
    /// </summary>
    [Function("RepairMailOutbox")]
    public Task RepairMailOutbox([TimerTrigger("30 */3 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers.RunAsync(async token =>
        {
            var queued = await outboxRepair.RepairDueAsync(token);
            var revived = await poisonRevival.ReviveAsync(Notification.QueueName, token);
            return $"{queued} outbox mails queued, {revived} failed mails queued again";
        }, cancellationToken);
}

public sealed record HealthView(string Status, string Storage, string Version, HealthDetails Details);
