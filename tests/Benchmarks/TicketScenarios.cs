using System.Net.Http.Json;
using System.Text.Json;
using System.Net.Http.Headers;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.Benchmarks;

/// <summary>A demo customer (seeded on demand, one caller at a time; the desk's demo customers share the password), signed in with a bearer token.</summary>
internal static class DemoCustomer
{
    public static async Task<HttpClient> SignInAsync(LocalStack stack, string email = "demo@example.com")
    {
        using (var seeded = await stack.Client.PostAsync("/admin/seed", null))
        {
            seeded.EnsureSuccessStatusCode();
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session")
        {
            Content = JsonContent.Create(new { email, password = "Demo-Customer-2026" }),
        };
        request.Headers.Add("X-Forwarded-For", $"10.9.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");
        using var session = await stack.Client.SendAsync(request);
        session.EnsureSuccessStatusCode();
        var token = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = new HttpClient { BaseAddress = stack.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>One customer sending tickets without a certificate (DESIGN: ≥ 155/s, p99 ≤ 70 ms at concurrency 8).</summary>
public sealed class CreateTicketScenario : BenchmarkScenario
{
    private HttpClient? _customer;

    public override string Name => "POST /api/tickets";
    public override double? MinRequestsPerSecond => 155;
    public override double? MaxP99Ms => 70;

    public override async Task PrepareAsync(LocalStack stack) => _customer ??= await DemoCustomer.SignInAsync(stack);

    public override async Task<bool> SendAsync(LocalStack stack, int sequence)
    {
        using var response = await _customer!.PostAsJsonAsync("/api/tickets", new
        {
            subject = $"Benchmark ticket {sequence}",
            description = "The export stops at 99 %.",
            osVersion = "Windows 11",
        });
        return (int)response.StatusCode == 201;
    }

    /// <summary>Storage round trips of each ticket operation, measured one request at a time with a warm session.</summary>
    public override async Task ReportExtraAsync(LocalStack stack)
    {
        using var customer = await DemoCustomer.SignInAsync(stack);
        Report.Header("Storage round trips per request (tickets)");
        using (await customer.PostAsJsonAsync("/api/tickets", new { subject = "warm-up", description = "x" })) { }
        long id = 0;
        Report.Figure("create a ticket", await CountAsync(stack, customer, async () =>
        {
            using var response = await customer.PostAsJsonAsync("/api/tickets", new { subject = "Counted", description = "x" });
            id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }), "round trips", budget: 4);
        Report.Figure("list my tickets", await CountAsync(stack, customer, async () =>
        {
            using (await customer.GetAsync("/api/tickets")) { }
        }), "round trips", budget: 1);
        Report.Figure("view a ticket", await CountAsync(stack, customer, async () =>
        {
            using (await customer.GetAsync($"/api/tickets/{id}")) { }
        }), "round trips", budget: 1);
        Report.Figure("customer reply", await CountAsync(stack, customer, async () =>
        {
            using (await customer.PostAsJsonAsync($"/api/tickets/{id}/messages", new { body = "More." })) { }
        }), "round trips", budget: 3);
    }

    private static async Task<double> CountAsync(LocalStack stack, HttpClient customer, Func<Task> action)
    {
        using (await customer.GetAsync("/api/tickets/not-a-number")) { }
        using (await stack.Client.PostAsync("/admin/storage/round-trips/reset", null)) { }
        await action();
        return (await stack.GetJsonAsync<JsonElement>("/admin/storage/round-trips")).GetProperty("count").GetInt64();
    }
}

/// <summary>"My tickets" (first page of 50) for a customer with at least 60 tickets (DESIGN: ≥ 300 req/s at concurrency 8).</summary>
public sealed class ListTicketsScenario : BenchmarkScenario
{
    private HttpClient? _customer;

    public override string Name => "GET /api/tickets";
    public override double? MinRequestsPerSecond => 300;

    public override async Task PrepareAsync(LocalStack stack)
    {
        _customer ??= await DemoCustomer.SignInAsync(stack);
        for (var i = 0; i < 60; i++)
        {
            using var response = await _customer.PostAsJsonAsync("/api/tickets", new { subject = $"Listed {i}", description = "x" });
            response.EnsureSuccessStatusCode();
        }
    }

    public override async Task<bool> SendAsync(LocalStack stack, int sequence)
    {
        using var response = await _customer!.GetAsync("/api/tickets");
        return response.IsSuccessStatusCode;
    }
}
