using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Notifications;
using SupportFunctions.Domain.Tickets;

namespace SupportFunctions.Domain.Partners;

/// <summary>
/// The events of a partner's ticket, from the mail its change causes the customer: a staff reply (information request and
/// solution included) is <c>ticket.staff_replied</c>, any other status change the customer hears of is
/// <c>ticket.status_changed</c>. Each event takes the outbox mail's id, so a change dispatched twice is one event.
/// </summary>
public static class PartnerTicketEvents
{
    public static IReadOnlyList<WebhookEvent> From(Ticket ticket, IReadOnlyList<PendingMail> mail, DateTimeOffset now)
    {
        if (ticket.PartnerId is not { } partnerId)
        {
            return [];
        }
        var events = new List<WebhookEvent>();
        foreach (var pending in mail.Where(m => m.StaffRecipientId is null))
        {
            var values = pending.Values;
            var status = values.GetValueOrDefault("status") ?? Ticket.Wire(ticket.Status);
            if (pending.Template is TicketMail.StaffReplyTemplate or TicketMail.SolutionTemplate)
            {
                var message = new WebhookMessage(int.Parse(values["messageId"], CultureInfo.InvariantCulture), values.GetValueOrDefault("kind") ?? "reply",
                    values.GetValueOrDefault("body") ?? "", values.GetValueOrDefault("staffName") ?? "");
                events.Add(new WebhookEvent(pending.Id, partnerId, WebhookEvents.StaffReplied, now, ticket.Id, status, Message: message, Chain: NewChain()));
            }
            else if (pending.Template is TicketMail.StatusChangedTemplate or TicketMail.AutoClosedTemplate)
            {
                events.Add(new WebhookEvent(pending.Id, partnerId, WebhookEvents.StatusChanged, now, ticket.Id, status,
                    values.GetValueOrDefault("previousStatus"), values.GetValueOrDefault("closedReason"), Chain: NewChain()));
            }
        }
        return events;
    }

    private static string NewChain() => Guid.NewGuid().ToString("N");
}

/// <summary>
/// Delivers one event: signed, within the timeout, no redirect. A failure is retried after the next pause of
/// <see cref="WebhookOptions.RetryDelays"/> under the same id; after <see cref="WebhookOptions.DisableAfterFailures"/>
/// failures in a row the webhook is disabled and the partner's contact is told by mail.
/// </summary>
public sealed class DeliverWebhooks(
    IWebhookSubscriptions subscriptions,
    IWebhookEventLog started,
    IWebhookSender sender,
    IWebhookQueue queue,
    IPartnerDirectory partners,
    INotificationQueue mail,
    WebhookOptions options,
    IClock clock)
{
    public const string DisabledMailTemplate = "partner.webhook_disabled";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<WebhookOutcome?> DeliverAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.FindAsync(webhookEvent.PartnerId, cancellationToken);
        if (subscription is null || !subscription.Wants(webhookEvent.Type))
        {
            return null;
        }
        // A ticket change dispatched twice announces its events twice: the first announcement's chain delivers them.
        if (!await started.TryStartAsync(webhookEvent.PartnerId, webhookEvent.Id, webhookEvent.Chain, cancellationToken))
        {
            return null;
        }
        var outcome = await sender.PostAsync(subscription.Url, webhookEvent.Id, webhookEvent.Timestamp, BodyOf(webhookEvent), subscription.Secret, cancellationToken);
        if (outcome is WebhookOutcome.Delivered)
        {
            if (subscription.ConsecutiveFailures > 0)
            {
                await SaveQuietlyAsync(subscription with { ConsecutiveFailures = 0 }, cancellationToken);
            }
            return outcome;
        }
        var failures = subscription.ConsecutiveFailures + 1;
        if (failures >= options.DisableAfterFailures)
        {
            await DisableAsync(subscription, failures, ((WebhookOutcome.Failed)outcome).Reason, cancellationToken);
            return outcome;
        }
        await SaveQuietlyAsync(subscription with { ConsecutiveFailures = failures }, cancellationToken);
        if (webhookEvent.Attempt < options.RetryDelays.Length)
        {
            await queue.EnqueueAsync(webhookEvent with { Attempt = webhookEvent.Attempt + 1 }, options.RetryDelays[webhookEvent.Attempt], cancellationToken);
        }
        return outcome;
    }

    /// <summary>The JSON body: <c>{type, timestamp, data: {ticketId, status, previousStatus?, closedReason?, message?}}</c>.</summary>
    public static string BodyOf(WebhookEvent e) => JsonSerializer.Serialize(new
    {
        type = e.Type,
        timestamp = e.Timestamp,
        data = new { ticketId = e.TicketId, status = e.Status, previousStatus = e.PreviousStatus, closedReason = e.ClosedReason, message = e.Message },
    }, Json);

    private async Task DisableAsync(WebhookSubscription subscription, int failures, string reason, CancellationToken cancellationToken)
    {
        var disabled = subscription with { ConsecutiveFailures = failures, DisabledAt = clock.UtcNow };
        try
        {
            await subscriptions.SaveAsync(disabled, cancellationToken);
        }
        catch (DomainException stale) when (stale.Kind == FailureKind.StaleVersion)
        {
            return; // Replaced or disabled meanwhile: that change wins, and only one delivery tells the contact.
        }
        if (await partners.FindAsync(subscription.PartnerId, cancellationToken) is { ContactEmail: { Length: > 0 } contact } partner)
        {
            await mail.EnqueueAsync(new Notification($"webhook-disabled-{subscription.PartnerId}-{subscription.Version}", DisabledMailTemplate, contact, "en",
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["partner"] = partner.Name,
                    ["url"] = subscription.Url.ToString(),
                    ["failures"] = failures.ToString(CultureInfo.InvariantCulture),
                    ["reason"] = reason,
                }), cancellationToken);
        }
    }

    /// <summary>A failure count lost to a concurrent change (the partner replaced the webhook) is not worth a retry.</summary>
    private async Task SaveQuietlyAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await subscriptions.SaveAsync(subscription, cancellationToken);
        }
        catch (DomainException stale) when (stale.Kind == FailureKind.StaleVersion)
        {
        }
    }
}
