using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using SupportFunctions.Domain.Common;

namespace SupportFunctions.Domain.Partners;

public static class WebhookEvents
{
    public const string StatusChanged = "ticket.status_changed";
    public const string StaffReplied = "ticket.staff_replied";
    public static readonly IReadOnlyList<string> All = [StatusChanged, StaffReplied];
}

/// <summary>Where a partner wants its events, signed with <see cref="Secret"/> (<c>whsec_</c> and the base64 key).</summary>
public sealed record WebhookSubscription(
    string PartnerId, Uri Url, IReadOnlyList<string> Events, string Secret, int ConsecutiveFailures, DateTimeOffset? DisabledAt, string Version = "")
{
    public bool Wants(string eventType) => DisabledAt is null && Events.Contains(eventType, StringComparer.Ordinal);
}

/// <summary>A message in a ticket event: what the partner's customer would read.</summary>
public sealed record WebhookMessage(int Id, string Kind, string Body, string Author);

/// <summary>
/// One event for one partner. <see cref="Id"/> is the same on every attempt (the <c>webhook-id</c> header), so a receiver
/// that saw it already can drop a repeat. <see cref="Chain"/> names one announcement of it and its retries: when a change is
/// dispatched twice, only the chain that started first delivers.
/// </summary>
public sealed record WebhookEvent(
    string Id, string PartnerId, string Type, DateTimeOffset Timestamp, long TicketId, string Status,
    string? PreviousStatus = null, string? ClosedReason = null, WebhookMessage? Message = null, int Attempt = 0, string Chain = "");

public abstract record WebhookOutcome
{
    public sealed record Delivered(int StatusCode) : WebhookOutcome;
    public sealed record Failed(string Reason) : WebhookOutcome;
}

public interface IWebhookSubscriptions
{
    Task<WebhookSubscription?> FindAsync(string partnerId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces; with a <see cref="WebhookSubscription.Version"/>, only if unchanged since (else StaleVersion).</summary>
    Task SaveAsync(WebhookSubscription subscription, CancellationToken cancellationToken);

    Task DeleteAsync(string partnerId, CancellationToken cancellationToken);
}

/// <summary>Port: which chain of attempts delivers each event, so an event announced twice is delivered once.</summary>
public interface IWebhookEventLog
{
    /// <returns>Whether <paramref name="chain"/> delivers the event: it was first (an insert that fails on conflict), or it is the one recorded.</returns>
    Task<bool> TryStartAsync(string partnerId, string eventId, string chain, CancellationToken cancellationToken);
}

public interface IWebhookQueue
{
    Task EnqueueAsync(WebhookEvent webhookEvent, TimeSpan delay, CancellationToken cancellationToken);
}

public interface IWebhookSender
{
    /// <summary>POSTs <paramref name="body"/> with the Standard Webhooks headers; never follows a redirect.</summary>
    Task<WebhookOutcome> PostAsync(Uri url, string id, DateTimeOffset timestamp, string body, string secret, CancellationToken cancellationToken);
}

/// <summary>How deliveries retry and when a webhook is switched off.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>The pauses before the second, third, … attempt of one event; after the last, the event is dropped.</summary>
    public TimeSpan[] RetryDelays { get; set; } = [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    /// <summary>Failed attempts in a row (over all events) after which the webhook is disabled and the partner's contact mailed.</summary>
    public int DisableAfterFailures { get; set; } = 10;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>http://127.0.0.1 and other loopback targets: only on the local stack.</summary>
    public bool AllowLoopback { get; set; }
}

/// <summary>
/// The Standard Webhooks scheme: the signed content is <c>{id}.{timestamp}.{body}</c>, HMAC-SHA256 with the key that
/// follows <c>whsec_</c> (base64), sent as <c>v1,{base64 signature}</c>.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    public static string Sign(string secret, string id, long unixSeconds, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var signature = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{unixSeconds}.{body}"));
        return $"v1,{Convert.ToBase64String(signature)}";
    }
}

/// <summary>
/// Which webhook targets are allowed: https to a public address. Private, loopback, link-local, carrier-grade NAT,
/// unique-local, multicast and unspecified addresses are refused (the app must not be a way into the vendor's network),
/// when the URL is registered and again on every connection, so a name that later resolves inward is refused too.
/// </summary>
public sealed class WebhookUrlPolicy(WebhookOptions options)
{
    public const int MaxUrlLength = 2000;

    public Uri Validate(string? url)
    {
        if (url is null || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw DomainException.Validation("url", "An absolute https URL without user name or password.");
        }
        var loopbackTarget = options.AllowLoopback && (uri.IsLoopback || uri.Host == "localhost");
        if (uri.Scheme != Uri.UriSchemeHttps && !(loopbackTarget && uri.Scheme == Uri.UriSchemeHttp))
        {
            throw DomainException.Validation("url", "Webhooks are delivered over https only.");
        }
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var literal) && !IsAllowed(literal))
        {
            throw DomainException.Validation("url", "The address is not a public one.");
        }
        if (!loopbackTarget && uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            throw DomainException.Validation("url", "The address is not a public one.");
        }
        return uri;
    }

    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address))
        {
            return options.AllowLoopback;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0));
        }
        return !(address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || address.IsIPv6UniqueLocal);
    }
}

/// <summary>A partner sets, replaces (new secret) or removes its webhook.</summary>
public sealed class ManageWebhook(IWebhookSubscriptions subscriptions, WebhookUrlPolicy policy)
{
    public async Task<WebhookSubscription> PutAsync(Partner partner, string? url, IReadOnlyList<string>? events, CancellationToken cancellationToken)
    {
        var wanted = (events ?? []).Distinct(StringComparer.Ordinal).ToList();
        var unknown = wanted.Where(e => !WebhookEvents.All.Contains(e, StringComparer.Ordinal)).ToList();
        new Validator()
            .Check(wanted.Count > 0, "events", $"One or more of: {string.Join(", ", WebhookEvents.All)}.")
            .Check(unknown.Count == 0, "events", $"Unknown: {string.Join(", ", unknown)}. Use {string.Join(", ", WebhookEvents.All)}.")
            .ThrowIfInvalid();
        var target = policy.Validate(url);
        var subscription = new WebhookSubscription(partner.Id, target, wanted, WebhookSignature.NewSecret(), 0, null);
        await subscriptions.SaveAsync(subscription, cancellationToken);
        return subscription;
    }

    public async Task<WebhookSubscription> FindAsync(Partner partner, CancellationToken cancellationToken) =>
        await subscriptions.FindAsync(partner.Id, cancellationToken) ?? throw DomainException.NotFound("webhook");

    public Task DeleteAsync(Partner partner, CancellationToken cancellationToken) => subscriptions.DeleteAsync(partner.Id, cancellationToken);
}
