using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Tickets;

namespace SupportFunctions.Resilience.Security;

/// <summary>A stack of its own with small customer limits (per customer 4, per address 6 in each 10-minute window).</summary>
public sealed class ThrottledStack : IAsyncLifetime
{
    public const int PerCustomer = 4;
    public const int PerAddress = 6;

    public LocalStack Stack { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var limits = LocalStack.LiftedCustomerLimits.ToDictionary(
            setting => setting, setting => (setting.EndsWith("PerCustomer", StringComparison.Ordinal) ? PerCustomer : PerAddress).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Stack = await LocalStack.StartAsync(limits);
    }

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}

/// <summary>
/// Ticket creates, replies and upload slots are throttled per customer and per client address, in process: a flood from
/// one account is refused with 429 and Retry-After, a neighbour behind the same address keeps its share until the
/// address's limit, and a create still costs at most 4 storage round trips.
/// </summary>
public sealed class ThrottleTests(ThrottledStack fixture) : IClassFixture<ThrottledStack>
{
    private readonly LocalStack _stack = fixture.Stack;
    private readonly People _people = new(fixture.Stack);

    [Fact]
    public async Task A_customer_creating_tickets_past_the_limit_gets_429_with_Retry_After_and_nothing_is_created()
    {
        var customer = await _people.CustomerAsync();
        var address = NewAddress();

        var answers = new List<int>();
        for (var i = 0; i < ThrottledStack.PerCustomer + 2; i++)
        {
            answers.Add((await CreateAsync(customer, address)).Status);
        }
        var (_, text, refused) = await CreateAsync(customer, address);
        var list = await customer.Client.GetFromJsonAsync<JsonElement>("/api/tickets");

        Assert.Equal(Enumerable.Repeat(201, ThrottledStack.PerCustomer).Concat([429, 429]), answers);
        Assert.Equal("too_many_requests", Http.ProblemCode(refused, text));
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 600);
        Assert.Equal(ThrottledStack.PerCustomer, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Customers_behind_one_address_share_its_limit_and_another_address_is_not_touched()
    {
        var first = await _people.CustomerAsync();
        var neighbour = await _people.CustomerAsync();
        var elsewhere = await _people.CustomerAsync();
        var office = NewAddress();

        var fromOffice = new List<int>();
        for (var i = 0; i < ThrottledStack.PerCustomer; i++)
        {
            fromOffice.Add((await CreateAsync(first, office)).Status);
        }
        for (var i = 0; i < ThrottledStack.PerCustomer; i++)
        {
            fromOffice.Add((await CreateAsync(neighbour, office)).Status);
        }
        var (fromHome, _, _) = await CreateAsync(elsewhere, NewAddress());

        var allowed = ThrottledStack.PerAddress - ThrottledStack.PerCustomer;
        Assert.Equal(Enumerable.Repeat(201, ThrottledStack.PerCustomer + allowed).Concat(Enumerable.Repeat(429, ThrottledStack.PerCustomer - allowed)), fromOffice);
        Assert.Equal(201, fromHome);
    }

    [Fact]
    public async Task Replies_and_upload_slots_are_throttled_per_customer_too()
    {
        var customer = await _people.CustomerAsync();
        var address = NewAddress();
        var (_, created, _) = await CreateAsync(customer, address);
        var ticketId = JsonDocument.Parse(created).RootElement.GetProperty("id").GetInt64();

        var replies = new List<int>();
        var uploads = new List<int>();
        for (var i = 0; i <= ThrottledStack.PerCustomer; i++)
        {
            replies.Add((await Http.SendAsync(customer.Client, HttpMethod.Post, $"/api/tickets/{ticketId}/messages",
                JsonSerializer.Serialize(new { body = $"More details {i}." }), headers: From(address))).Status);
            uploads.Add((await Http.SendAsync(customer.Client, HttpMethod.Post, "/api/uploads",
                JsonSerializer.Serialize(new { fileName = $"shot{i}.png", contentType = "image/png", size = 1000 }), headers: From(address))).Status);
        }

        Assert.Equal(Enumerable.Repeat(201, ThrottledStack.PerCustomer).Append(429), replies);
        Assert.Equal(Enumerable.Repeat(201, ThrottledStack.PerCustomer).Append(429), uploads);
    }

    [Fact]
    public async Task A_throttled_create_still_costs_at_most_four_storage_round_trips()
    {
        var customer = await _people.CustomerAsync();
        var address = NewAddress();
        // The first create warms the session check and the process's block of ticket ids; the second is what a create costs.
        Assert.Equal(201, (await CreateAsync(customer, address)).Status);
        using (await _stack.Client.PostAsync("/admin/storage/round-trips/reset", null)) { }

        var (status, _, _) = await CreateAsync(customer, address);
        var counted = await _stack.Client.GetFromJsonAsync<JsonElement>("/admin/storage/round-trips");

        Assert.Equal(201, status);
        Assert.InRange(counted.GetProperty("count").GetInt64(), 1, 4);
    }

    private static Task<(int Status, string Text, HttpResponseMessage Response)> CreateAsync(People.Customer customer, string address) =>
        Http.SendAsync(customer.Client, HttpMethod.Post, "/api/tickets",
            JsonSerializer.Serialize(new { subject = "Служба не запускается", description = "После обновления служба падает." }), headers: From(address));

    private static Dictionary<string, string> From(string address) => new() { ["X-Forwarded-For"] = address };

    private static string NewAddress() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";
}
