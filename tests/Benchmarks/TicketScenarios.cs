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

/// <summary>One customer sending tickets without a certificate (DESIGN: ≥ 300/s, p99 ≤ 70 ms at concurrency 8).</summary>
public sealed class CreateTicketScenario : BenchmarkScenario
{
    private HttpClient? _customer;

    public override string Name => "POST /api/tickets";
    public override double? MinRequestsPerSecond => 300;
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
        Report.Figure("list my tickets, right after a change", await CountAsync(stack, customer, async () =>
        {
            using (await customer.GetAsync("/api/tickets")) { }
        }), "round trips", budget: 2);
        double kept = 0;
        await Eventually.TrueAsync(async () => (kept = await CountAsync(stack, customer, async () =>
        {
            using (await customer.GetAsync("/api/tickets")) { }
        })) <= 1, TimeSpan.FromMinutes(1), () => $"the first page still took {kept} round trips");
        Report.Figure("list my tickets, first page kept", kept, "round trips", budget: 1);
        Report.Figure("view a ticket", await CountAsync(stack, customer, async () =>
        {
            using (await customer.GetAsync($"/api/tickets/{id}")) { }
        }), "round trips", budget: 1);
        Report.Figure("customer reply", await CountAsync(stack, customer, async () =>
        {
            using (await customer.PostAsJsonAsync($"/api/tickets/{id}/messages", new { body = "More." })) { }
        }), "round trips", budget: 3);
        Report.Figure("sign in", await Desk.RoundTripsAsync(stack, async () =>
        {
            using var signedIn = await stack.Client.PostAsJsonAsync("/api/session", new { email = "demo@example.com", password = "Demo-Customer-2026" });
            signedIn.EnsureSuccessStatusCode();
        }), "round trips");
        var issued = await IssueCertificateAsync(stack);
        Report.Figure("register a certificate", await CountAsync(stack, customer, async () =>
        {
            using var registered = await customer.PostAsJsonAsync("/api/me/certificates", issued);
            registered.EnsureSuccessStatusCode();
        }), "round trips");
        using (await customer.GetAsync("/api/kb/suggest?q=warm")) { }
        Report.Figure("KB suggest", await CountAsync(stack, customer, async () =>
        {
            using var suggested = await customer.GetAsync($"/api/kb/suggest?q={Uri.EscapeDataString("Не устанавливается сертификат")}");
            suggested.EnsureSuccessStatusCode();
        }), "round trips");
    }

    /// <summary>A certificate an admin issues for the first product of the catalogue: its serial and activation code.</summary>
    private static async Task<object> IssueCertificateAsync(LocalStack stack)
    {
        using var admin = await Desk.SignInAsync(stack, Domain.Identity.StaffCaller.AdminRole);
        var products = await stack.GetJsonAsync<JsonElement>("/api/products");
        var productId = products.GetProperty("items")[0].GetProperty("id").GetString();
        using var response = await admin.PostAsJsonAsync("/api/staff/certificates", new
        {
            productId, plan = "standard", validFrom = DateTimeOffset.UtcNow.AddDays(-1), validTo = DateTimeOffset.UtcNow.AddYears(1),
        });
        var certificate = await Desk.JsonAsync(response);
        return new { serial = certificate.GetProperty("serial").GetString(), activationCode = certificate.GetProperty("activationCode").GetString() };
    }

    private static async Task<double> CountAsync(LocalStack stack, HttpClient customer, Func<Task> action)
    {
        using (await customer.GetAsync("/api/tickets/not-a-number")) { }
        using (await stack.Client.PostAsync("/admin/storage/round-trips/reset", null)) { }
        await action();
        return (await stack.GetJsonAsync<JsonElement>("/admin/storage/round-trips")).GetProperty("count").GetInt64();
    }
}

/// <summary>"My tickets" (first page of 50) for a customer with at least 60 tickets (DESIGN: ≥ 600 req/s at concurrency 8).</summary>
public sealed class ListTicketsScenario : BenchmarkScenario
{
    private HttpClient? _customer;

    public override string Name => "GET /api/tickets";
    public override double? MinRequestsPerSecond => 600;

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

/// <summary>Tickets of one demo customer, each with a short thread, that the view and reply scenarios spread their requests over.</summary>
internal static class TicketPool
{
    public static async Task<long[]> SendAsync(HttpClient customer, int count)
    {
        var ids = new long[count];
        for (var n = 0; n < count; n++)
        {
            using var sent = await customer.PostAsJsonAsync("/api/tickets", new { subject = $"Подпись не проверяется ({n})", description = "Ошибка 0x80090016 после обновления." });
            ids[n] = (await Desk.JsonAsync(sent)).GetProperty("id").GetInt64();
            using var replied = await customer.PostAsJsonAsync($"/api/tickets/{ids[n]}/messages", new { body = "Журнал событий приложен." });
            replied.EnsureSuccessStatusCode();
        }
        return ids;
    }
}

/// <summary>A scenario whose requests go to 64 tickets of the demo customer, each with a short thread.</summary>
public abstract class PooledTicketScenario : BenchmarkScenario
{
    protected HttpClient Customer { get; private set; } = null!;
    protected long[] Tickets { get; private set; } = [];

    public override async Task PrepareAsync(LocalStack stack)
    {
        Customer ??= await DemoCustomer.SignInAsync(stack);
        if (Tickets.Length == 0)
        {
            Tickets = await TicketPool.SendAsync(Customer, 64);
        }
    }
}

/// <summary>A ticket with its thread (DESIGN: one query).</summary>
public sealed class ViewTicketScenario : PooledTicketScenario
{
    public override string Name => "GET /api/tickets/{id}";

    public override async Task<bool> SendAsync(LocalStack stack, int sequence)
    {
        using var response = await Customer.GetAsync($"/api/tickets/{Tickets[sequence % Tickets.Length]}");
        return response.IsSuccessStatusCode;
    }
}

/// <summary>A customer's reply (DESIGN: ≤ 3 round trips), spread over the pool so concurrent replies rarely meet on one ticket.</summary>
public sealed class ReplyScenario : PooledTicketScenario
{
    public override string Name => "POST /api/tickets/{id}/messages";

    public override async Task<bool> SendAsync(LocalStack stack, int sequence)
    {
        using var response = await Customer.PostAsJsonAsync($"/api/tickets/{Tickets[sequence % Tickets.Length]}/messages", new { body = $"Дополнение {sequence}." });
        return (int)response.StatusCode == 201;
    }
}
