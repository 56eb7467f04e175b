using System.Net.Http.Json;
using Azure.Data.Tables;
using SupportFunctions.Functions.Tickets;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.Benchmarks;

/// <summary>
/// "My tickets" for a customer who has written a lot (DESIGN: at 2,000 tickets ≥ 80 % of the rate at 60).
/// A small customer sends 60 tickets through the API; a large one sends 20 with two replies each, whose rows are then
/// copied under new ids until it holds 2,000 and then 20,000 tickets, messages and all, as years of use would leave them.
/// Both lists are measured at each size on the same stack, so the figure shows what the large customer's own rows cost.
/// </summary>
public static class LargeCustomerBenchmark
{
    private const int SentThroughApi = 20;
    private static readonly int[] Sizes = [2_000, 20_000];

    public static async Task RunAsync(LocalStack stack, Func<string, Func<int, Task<bool>>, int, Task<LoadResult>> load)
    {
        Report.Header("My tickets for a large customer");
        using var small = await DemoCustomer.SignInAsync(stack, "olga@example.com");
        using var large = await DemoCustomer.SignInAsync(stack, "it@northwind.example");
        await SendAsync(small, 60, replies: 0);
        var originals = await SendAsync(large, SentThroughApi, replies: 2);

        await WaitForKeptPageAsync(stack, small);
        var baseline = await MeasureListAsync(load, small, "60 tickets");
        var storage = Desk.Storage(stack);
        var tickets = await storage.TableAsync(TableTicketStore.TableName);
        var accountId = await AccountOfAsync(tickets, originals[0]);
        var held = SentThroughApi;
        foreach (var size in Sizes)
        {
            held += await CopyAsync(tickets, accountId, originals, copies: size - held, firstId: 7_000_000_000L + held);
            await ChangeAndWaitForKeptPageAsync(stack, large, originals[0]);
            var measured = await MeasureListAsync(load, large, $"{size:N0} tickets");
            Report.Figure($"large/small at {size:N0}", 100 * measured.RequestsPerSecond / baseline.RequestsPerSecond, "%", budget: 80, lowerIsBetter: false);
            await MeasureListAsync(load, small, $"60 tickets, beside {size:N0}");
        }
    }

    private static async Task<LoadResult> MeasureListAsync(Func<string, Func<int, Task<bool>>, int, Task<LoadResult>> load, HttpClient customer, string label)
    {
        var result = await load($"GET /api/tickets ({label})", async _ =>
        {
            using var response = await customer.GetAsync("/api/tickets");
            return response.IsSuccessStatusCode;
        }, 8);
        Report.Load(result);
        return result;
    }

    /// <summary>
    /// The copies were written behind the app's back: one change through the API marks the kept first page stale and the
    /// dispatcher rebuilds it from the list rows, copies included; measured once the first page is a point read again.
    /// </summary>
    private static async Task ChangeAndWaitForKeptPageAsync(LocalStack stack, HttpClient customer, long ticketId)
    {
        using (var replied = await customer.PostAsJsonAsync($"/api/tickets/{ticketId}/messages", new { body = "Ещё одно дополнение." }))
        {
            replied.EnsureSuccessStatusCode();
        }
        await WaitForKeptPageAsync(stack, customer);
    }

    private static async Task WaitForKeptPageAsync(LocalStack stack, HttpClient customer)
    {
        double roundTrips = 0;
        await Eventually.TrueAsync(async () => (roundTrips = await Desk.RoundTripsAsync(stack, async () =>
        {
            using (await customer.GetAsync("/api/tickets")) { }
        })) == 1, TimeSpan.FromMinutes(2), () => $"the first page still took {roundTrips} round trips");
    }

    private static async Task<long[]> SendAsync(HttpClient customer, int count, int replies)
    {
        var ids = new long[count];
        for (var n = 0; n < count; n++)
        {
            using var sent = await customer.PostAsJsonAsync("/api/tickets", new { subject = $"Экспорт останавливается на 99 % ({n})", description = "Журнал приложен." });
            ids[n] = (await Desk.JsonAsync(sent)).GetProperty("id").GetInt64();
            for (var r = 0; r < replies; r++)
            {
                using var replied = await customer.PostAsJsonAsync($"/api/tickets/{ids[n]}/messages", new { body = $"Дополнение {r}: тот же результат после перезагрузки." });
                replied.EnsureSuccessStatusCode();
            }
        }
        return ids;
    }

    private static async Task<string> AccountOfAsync(TableClient tickets, long ticketId)
    {
        var header = $"h-{ticketId:D10}";
        await foreach (var row in tickets.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {header}"), select: ["PartitionKey"]))
        {
            return row.PartitionKey;
        }
        throw new InvalidOperationException($"ticket {ticketId} is not in storage");
    }

    /// <summary>Copies every row of the original tickets (header, list row, messages, audit) under new ids; returns how many tickets it added.</summary>
    private static async Task<int> CopyAsync(TableClient tickets, string accountId, long[] originals, int copies, long firstId)
    {
        var rowsByTicket = new Dictionary<string, List<TableEntity>>(StringComparer.Ordinal);
        await foreach (var row in tickets.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {accountId}")))
        {
            var owner = originals.Select(id => $"{id:D10}").FirstOrDefault(key => row.RowKey.Contains(key, StringComparison.Ordinal));
            if (owner is not null)
            {
                (rowsByTicket.TryGetValue(owner, out var rows) ? rows : rowsByTicket[owner] = []).Add(row);
            }
        }
        var templates = rowsByTicket.Values.ToArray();
        var batches = Enumerable.Range(0, copies)
            .SelectMany(n => templates[n % templates.Length].Select(row => CopyOf(row, $"{originals[n % templates.Length]:D10}", firstId + n)))
            .Chunk(100);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, cancellationToken) =>
            await tickets.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)), cancellationToken));
        return copies;
    }

    private static TableEntity CopyOf(TableEntity row, string originalKey, long ticketId)
    {
        var copy = new TableEntity(row.PartitionKey, row.RowKey.Replace(originalKey, $"{ticketId:D10}", StringComparison.Ordinal));
        foreach (var (name, value) in row)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            {
                copy[name] = name is "Id" or "TicketId" ? ticketId : value;
            }
        }
        return copy;
    }
}
