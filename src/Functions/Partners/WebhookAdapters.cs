using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Partners;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Partners;

/// <summary>
/// A partner's webhook in table <c>partners</c>, partition <c>webhook</c>, row key = partner id. The signing secret is kept as
/// it is (an HMAC needs the key itself); the table is reachable only by the app's identity.
/// </summary>
public sealed class TableWebhookSubscriptions(StorageClients storage) : IWebhookSubscriptions
{
    private const string Partition = "webhook";

    public async Task<WebhookSubscription?> FindAsync(string partnerId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TablePartnerDirectory.TableName);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, partnerId, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } found)
        {
            return null;
        }
        return new WebhookSubscription(partnerId, new Uri(found.GetString("Url")!),
            JsonSerializer.Deserialize<string[]>(found.GetString("Events") ?? "[]") ?? [], found.GetString("Secret") ?? "",
            found.GetInt32("ConsecutiveFailures") ?? 0, found.GetDateTimeOffset("DisabledAt"), found.ETag.ToString());
    }

    public async Task SaveAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TablePartnerDirectory.TableName);
        var row = new TableEntity(Partition, subscription.PartnerId)
        {
            ["Url"] = subscription.Url.ToString(),
            ["Events"] = JsonSerializer.Serialize(subscription.Events),
            ["Secret"] = subscription.Secret,
            ["ConsecutiveFailures"] = subscription.ConsecutiveFailures,
            ["DisabledAt"] = subscription.DisabledAt,
        };
        if (subscription.Version.Length == 0)
        {
            await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
            return;
        }
        try
        {
            await table.UpdateEntityAsync(row, new ETag(subscription.Version), TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException changed) when (changed.Status is 404 or 412)
        {
            throw new DomainException(FailureKind.StaleVersion, "stale_version", "The webhook changed meanwhile.");
        }
    }

    public async Task DeleteAsync(string partnerId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TablePartnerDirectory.TableName);
        await table.DeleteEntityAsync(Partition, partnerId, ETag.All, cancellationToken);
    }
}

/// <summary>
/// Table <c>webhookevents</c>: a row per event whose delivery started (partition = partner, row key = event id), kept a week
/// (the expiry index purges it), far longer than an event's retries last.
/// </summary>
public sealed class TableWebhookEventLog(StorageClients storage, ExpiryIndex expiries, IClock clock) : IWebhookEventLog
{
    public const string TableName = "webhookevents";
    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);

    public async Task<bool> TryStartAsync(string partnerId, string eventId, string chain, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var expiresAt = clock.UtcNow + KeptFor;
        try
        {
            await table.AddEntityAsync(new TableEntity(partnerId, eventId) { ["ExpiresAt"] = expiresAt, ["Chain"] = chain }, cancellationToken);
        }
        catch (RequestFailedException seen) when (seen.Status == 409)
        {
            var recorded = await table.GetEntityIfExistsAsync<TableEntity>(partnerId, eventId, cancellationToken: cancellationToken);
            return recorded.HasValue && recorded.Value!.GetString("Chain") == chain;
        }
        await expiries.ScheduleAsync(TableName, partnerId, eventId, expiresAt, cancellationToken);
        return true;
    }
}

/// <summary>Queue <c>webhooks</c>: one message per delivery attempt, made visible after the retry pause.</summary>
public sealed class StorageWebhookQueue(StorageClients storage) : IWebhookQueue
{
    public const string QueueName = "webhooks";

    public async Task EnqueueAsync(WebhookEvent webhookEvent, TimeSpan delay, CancellationToken cancellationToken)
    {
        var queue = await storage.QueueAsync(QueueName);
        await queue.SendMessageAsync(JsonSerializer.Serialize(webhookEvent, ApiJson.Options), visibilityTimeout: delay, cancellationToken: cancellationToken);
    }

    public static WebhookEvent Parse(string message) =>
        JsonSerializer.Deserialize<WebhookEvent>(message, ApiJson.Options) ?? throw new JsonException("The webhook event is empty.");
}

/// <summary>
/// Standard Webhooks over HTTP: <c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>; no redirects; and every
/// connection checked against <see cref="WebhookUrlPolicy"/> at the moment it is made, whatever the name resolved to before.
/// </summary>
public sealed class HttpWebhookSender : IWebhookSender, IDisposable
{
    private readonly HttpClient _client;

    public HttpWebhookSender(WebhookUrlPolicy policy, WebhookOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = options.Timeout,
            ConnectCallback = (context, cancellationToken) => ConnectToAllowedAsync(policy, context, cancellationToken),
        };
        _client = new HttpClient(handler) { Timeout = options.Timeout };
    }

    public async Task<WebhookOutcome> PostAsync(Uri url, string id, DateTimeOffset timestamp, string body, string secret, CancellationToken cancellationToken)
    {
        var seconds = timestamp.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(secret, id, seconds, body));
        request.Headers.UserAgent.ParseAdd("SupportFunctions-Webhooks/1");
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300 ? new WebhookOutcome.Delivered(status) : new WebhookOutcome.Failed($"HTTP {status}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookOutcome.Failed("timeout");
        }
        catch (HttpRequestException failed)
        {
            return new WebhookOutcome.Failed(failed.InnerException is RefusedAddressException refused ? refused.Message : $"connection failed ({failed.HttpRequestError})");
        }
    }

    public void Dispose() => _client.Dispose();

    private static async ValueTask<Stream> ConnectToAllowedAsync(WebhookUrlPolicy policy, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(policy.IsAllowed).ToList();
        if (allowed.Count == 0)
        {
            throw new RefusedAddressException($"{host} resolves to no public address");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class RefusedAddressException(string message) : Exception(message);
}
