using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Domain.Partners;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.OpenApi;

namespace SupportFunctions.Functions.Partners;

/// <summary>A partner's webhook (set, read, removed) and the queue function that delivers its events.</summary>
public sealed partial class PartnerWebhookFunctions(
    ApiPipeline pipeline, PartnerGate gate, ManageWebhook webhooks, DeliverWebhooks delivery,
    ILogger<PartnerWebhookFunctions> logger)
{
    [Function("PartnerWebhook")]
    [ApiOperation("The partner's webhook", Description = "Its target, events and state; the secret is not shown again.", Method = "get", Access = ApiAccess.PartnerTickets, Response = typeof(WebhookView))]
    [ApiOperation("Set the partner's webhook", Description = "Makes a new whsec_ signing secret, shown only in this answer. The URL must be https to a public address.", Method = "put", Access = ApiAccess.PartnerTickets, Request = typeof(WebhookRequest), Response = typeof(WebhookView))]
    [ApiOperation("Remove the partner's webhook", Method = "delete", Access = ApiAccess.PartnerTickets, Status = 204)]
    public Task<IActionResult> PartnerWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "put", "delete", Route = "partner/v1/webhook")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var partner = await gate.EnterAsync(call, PartnerCaller.TicketsRole);
            if (HttpMethods.IsDelete(request.Method))
            {
                await webhooks.DeleteAsync(partner, call.Aborted);
                return ApiResults.NoContent();
            }
            if (HttpMethods.IsGet(request.Method))
            {
                return ApiResults.Ok(WebhookView.Of(await webhooks.FindAsync(partner, call.Aborted), withSecret: false));
            }
            var body = await call.ReadJsonAsync<WebhookRequest>();
            var saved = await webhooks.PutAsync(partner, body.Url, body.Events, call.Aborted);
            // The secret is shown this once; a new PUT makes a new one.
            return ApiResults.Ok(WebhookView.Of(saved, withSecret: true)).WithHeader("Cache-Control", "no-store");
        });

    /// <summary>One delivery attempt. A failed attempt schedules the next one itself, so the message is always completed.</summary>
    [Function("DeliverWebhook")]
    public async Task DeliverWebhook(
        [QueueTrigger(StorageWebhookQueue.QueueName, Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        var webhookEvent = StorageWebhookQueue.Parse(message);
        var outcome = await delivery.DeliverAsync(webhookEvent, cancellationToken);
        if (outcome is WebhookOutcome.Failed failed)
        {
            LogFailed(webhookEvent.Id, webhookEvent.PartnerId, webhookEvent.Attempt + 1, failed.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventId} to partner {PartnerId} failed on attempt {Attempt}: {Reason}")]
    private partial void LogFailed(string eventId, string partnerId, int attempt, string reason);
}

public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Events);

public sealed record WebhookView(string Url, IReadOnlyList<string> Events, string? Secret, bool Enabled, int ConsecutiveFailures, DateTimeOffset? DisabledAt)
{
    public static WebhookView Of(WebhookSubscription s, bool withSecret) =>
        new(s.Url.ToString(), s.Events, withSecret ? s.Secret : null, s.DisabledAt is null, s.ConsecutiveFailures, s.DisabledAt);
}
