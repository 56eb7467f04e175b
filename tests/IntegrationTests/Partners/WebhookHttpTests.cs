using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Tickets;

namespace SupportFunctions.IntegrationTests.Partners;

/// <summary>Webhooks to a receiver on loopback: signed deliveries, retries under one id, disabling, and the addresses refused.</summary>
[Collection(StackCollection.Name)]
public sealed class WebhookHttpTests(SharedStack shared)
{
    private readonly LocalStack _stack = shared.Stack;
    private readonly People _people = new(shared.Stack);
    private readonly PartnerSetup _partners = new(shared.Stack);

    [Fact]
    public async Task Staff_replies_and_status_changes_arrive_signed_with_the_secret_shown_once()
    {
        await using var receiver = new WebhookReceiver();
        var (partner, _) = await _partners.PartnerAsync();
        var secret = await SetWebhookAsync(partner, receiver.Url);
        var ticket = await OpenTicketAsync(partner);
        using var agent = await _people.StaffAsync("Support.Agent");

        using (var reply = await agent.PostAsJsonAsync($"/api/staff/tickets/{ticket}/messages", new { body = "Пришлите журнал установки.", kind = "info_request" }))
        {
            Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        }
        var replied = await DeliveryAsync(receiver, "ticket.staff_replied");
        Assert.True(WebhookReceiver.IsSignedWith(secret, replied), "the signature does not verify with the secret");
        var data = JsonDocument.Parse(replied.Body).RootElement.GetProperty("data");
        Assert.Equal(ticket, data.GetProperty("ticketId").GetInt64());
        Assert.Equal("awaiting_customer", data.GetProperty("status").GetString());
        Assert.Equal("Пришлите журнал установки.", data.GetProperty("message").GetProperty("body").GetString());
        Assert.InRange(long.Parse(replied.Timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());

        var etag = (await agent.GetFromJsonAsync<JsonElement>($"/api/staff/tickets/{ticket}")).GetProperty("etag").GetString();
        using (var resolve = new HttpRequestMessage(HttpMethod.Patch, $"/api/staff/tickets/{ticket}") { Content = JsonContent.Create(new { status = "resolved" }) })
        {
            resolve.Headers.TryAddWithoutValidation("If-Match", etag);
            using var resolved = await agent.SendAsync(resolve);
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }
        var changed = await DeliveryAsync(receiver, "ticket.status_changed");
        Assert.True(WebhookReceiver.IsSignedWith(secret, changed));
        Assert.Equal("resolved", JsonDocument.Parse(changed.Body).RootElement.GetProperty("data").GetProperty("status").GetString());

        var shown = await partner.GetFromJsonAsync<JsonElement>("/api/partner/v1/webhook");
        Assert.False(shown.TryGetProperty("secret", out var hidden) && hidden.ValueKind == JsonValueKind.String, "the secret is shown only when set");
        Assert.True(shown.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task A_delivery_answered_500_then_not_at_all_is_retried_under_the_same_id()
    {
        await using var receiver = new WebhookReceiver();
        receiver.Plan(500, WebhookReceiver.NoAnswer);
        var (partner, _) = await _partners.PartnerAsync();
        var secret = await SetWebhookAsync(partner, receiver.Url);
        var ticket = await OpenTicketAsync(partner);
        using var agent = await _people.StaffAsync("Support.Agent");

        using (await agent.PostAsJsonAsync($"/api/staff/tickets/{ticket}/messages", new { body = "Смотрим.", kind = "reply" })) { }

        await Eventually.TrueAsync(() => Task.FromResult(receiver.Received.Count >= 3), TimeSpan.FromSeconds(45), () => $"{receiver.Received.Count} deliveries");
        var attempts = receiver.Received.Take(3).ToList();
        Assert.Single(attempts.Select(a => a.Id).Distinct());
        Assert.All(attempts, attempt => Assert.True(WebhookReceiver.IsSignedWith(secret, attempt)));
        await _stack.DrainQueueAsync("webhooks");
        Assert.True(receiver.Received.Count == 3, string.Join("\n", receiver.Received.Select(d => $"{d.Id} {d.Timestamp} {d.Body}")));
        var shown = await partner.GetFromJsonAsync<JsonElement>("/api/partner/v1/webhook");
        Assert.Equal(0, shown.GetProperty("consecutiveFailures").GetInt32());
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_is_disabled_and_the_partners_contact_is_mailed()
    {
        await using var receiver = new WebhookReceiver(fallbackStatus: 503);
        var (partner, products) = await _partners.PartnerAsync();
        var contact = $"ops-{partner.PartnerId}@reseller.test";
        using (var admin = await _people.StaffAsync("Support.Admin"))
        using (var withContact = await admin.PutAsJsonAsync($"/api/staff/partners/{partner.PartnerId}",
                   new { name = $"Reseller {partner.PartnerId}", productIds = products, clientIds = new[] { $"dev-partner-{partner.PartnerId}" }, contactEmail = contact }))
        {
            Assert.Equal(HttpStatusCode.OK, withContact.StatusCode);
        }
        await SetWebhookAsync(partner, receiver.Url);
        var ticket = await OpenTicketAsync(partner);
        using var agent = await _people.StaffAsync("Support.Agent");

        using (await agent.PostAsJsonAsync($"/api/staff/tickets/{ticket}/messages", new { body = "Первый ответ.", kind = "reply" })) { }

        var mail = await Eventually.ValueAsync(async () => await _people.MailsToAsync(contact) is { Count: > 0 } mails ? mails[0] : null,
            TimeSpan.FromSeconds(60), () => $"no mail to the contact after {receiver.Received.Count} deliveries");
        Assert.Contains(receiver.Url, mail, StringComparison.Ordinal);
        var shown = await partner.GetFromJsonAsync<JsonElement>("/api/partner/v1/webhook");
        Assert.False(shown.GetProperty("enabled").GetBoolean());
        var deliveries = receiver.Received.Count;
        Assert.Equal(4, deliveries);

        using (await agent.PostAsJsonAsync($"/api/staff/tickets/{ticket}/messages", new { body = "Второй ответ.", kind = "reply" })) { }
        await _stack.DrainQueueAsync("ticket-changes");
        await _stack.DrainQueueAsync("webhooks");
        Assert.Equal(deliveries, receiver.Received.Count);
    }

    [Theory]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://192.168.0.10/hook")]
    [InlineData("https://172.16.5.4/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("http://partner.example/hook")]
    [InlineData("https://user:pass@partner.example/hook")]
    [InlineData("ftp://partner.example/hook")]
    public async Task A_webhook_to_a_private_address_or_without_https_is_refused(string url)
    {
        var (partner, _) = await _partners.PartnerAsync();
        using var refused = await partner.PutAsJsonAsync("/api/partner/v1/webhook", new { url, events = new[] { "ticket.status_changed" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var none = await partner.GetAsync("/api/partner/v1/webhook");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task Unknown_events_are_refused_and_a_customer_token_cannot_set_a_webhook()
    {
        var (partner, _) = await _partners.PartnerAsync();
        using (var unknown = await partner.PutAsJsonAsync("/api/partner/v1/webhook", new { url = "https://partner.example/hook", events = new[] { "ticket.deleted" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        }
        var customer = await _people.CustomerAsync();
        using var asCustomer = await customer.Client.PutAsJsonAsync("/api/partner/v1/webhook", new { url = "https://partner.example/hook", events = new[] { "ticket.status_changed" } });
        Assert.True(asCustomer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
    }

    private static async Task<string> SetWebhookAsync(HttpClient partner, string url)
    {
        using var set = await partner.PutAsJsonAsync("/api/partner/v1/webhook", new { url, events = new[] { "ticket.status_changed", "ticket.staff_replied" } });
        var text = await set.Content.ReadAsStringAsync();
        Assert.True(set.StatusCode == HttpStatusCode.OK, $"{(int)set.StatusCode} {text}");
        var secret = JsonDocument.Parse(text).RootElement.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        return secret;
    }

    private async Task<long> OpenTicketAsync(HttpClient partner)
    {
        var customer = await _people.CustomerAsync();
        using var opened = await partner.PostAsJsonAsync("/api/partner/v1/tickets", new { customerEmail = customer.Email, subject = "Сбой обновления", description = "Обновление прерывается." });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        return (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<WebhookReceiver.Delivery> DeliveryAsync(WebhookReceiver receiver, string type) =>
        await Eventually.ValueAsync(() => Task.FromResult(receiver.Received.FirstOrDefault(d => d.Body.Contains($"\"{type}\"", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), () => $"no {type} delivery");

}
