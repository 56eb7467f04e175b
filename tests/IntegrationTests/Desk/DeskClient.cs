using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Tickets;

namespace SupportFunctions.IntegrationTests.Desk;

/// <summary>What the desk tests do through the public API: customers send tickets, agents work them, the queue is read until it shows a change.</summary>
public sealed class DeskClient(LocalStack stack)
{
    public People People { get; } = new(stack);

    public async Task<long> SendAsync(People.Customer customer, string subject = "Служба не запускается", string? certificateId = null)
    {
        using var sent = await customer.Client.PostAsJsonAsync("/api/tickets", new { subject, description = "После обновления служба падает при старте.", certificateId });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        return (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> ViewAsync(HttpClient agent, long ticketId)
    {
        using var response = await agent.GetAsync($"/api/staff/tickets/{ticketId}");
        return await JsonAsync(response, HttpStatusCode.OK);
    }

    public static async Task<JsonElement> PostAsync(HttpClient agent, long ticketId, string kind, string body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/tickets/{ticketId}/messages") { Content = JsonContent.Create(new { body, kind }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        using var response = await agent.SendAsync(request);
        return await JsonAsync(response, HttpStatusCode.Created);
    }

    public static async Task<HttpResponseMessage> PatchAsync(HttpClient agent, long ticketId, object fields, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/staff/tickets/{ticketId}") { Content = JsonContent.Create(fields) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await agent.SendAsync(request);
    }

    /// <summary>The queue's row of the ticket, once the queue shows it in a state <paramref name="until"/> accepts (the queue follows a change within seconds).</summary>
    public static async Task<JsonElement> QueueRowAsync(HttpClient agent, long ticketId, Func<JsonElement, bool>? until = null, string statuses = "status=open&status=in_progress&status=awaiting_customer&status=resolved&status=closed")
    {
        JsonElement? found = null;
        await Eventually.TrueAsync(async () =>
        {
            var page = await agent.GetFromJsonAsync<JsonElement>($"/api/staff/tickets?q={ticketId}&{statuses}");
            found = page.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("id").GetInt64() == ticketId).Select(i => (JsonElement?)i).FirstOrDefault();
            return found is { } row && (until?.Invoke(row) ?? true);
        }, TimeSpan.FromSeconds(30), () => $"the queue does not show ticket {ticketId} as expected: {found}");
        return found!.Value;
    }

    public static async Task<string> AccountIdAsync(People.Customer customer) =>
        (await customer.Client.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetString()!;
}
