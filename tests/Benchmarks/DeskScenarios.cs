using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Desk;
using SupportFunctions.Functions.Storage;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.Benchmarks;

/// <summary>Staff tokens from the local dev identity, the stack's storage for seeding, and the stack's counters.</summary>
internal static class Desk
{
    public static async Task<HttpClient> SignInAsync(LocalStack stack, string role)
    {
        var subject = Guid.NewGuid().ToString("N");
        using var response = await stack.Client.PostAsJsonAsync("/api/dev/tokens",
            new { subject, name = "Bench Agent", email = $"{subject}@staff.test", roles = new[] { role } });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = new HttpClient { BaseAddress = stack.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The stack's own storage, for seeding through the app's real adapters (not counted as the app's round trips).</summary>
    public static StorageClients Storage(LocalStack stack) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StorageClients.Setting] = stack.StorageConnectionString }).Build(),
        new StorageRoundTrips());

    /// <summary>Storage round trips the HTTP requests of <paramref name="action"/> made.</summary>
    public static async Task<double> RoundTripsAsync(LocalStack stack, Func<Task> action)
    {
        using (await stack.Client.PostAsync("/admin/storage/round-trips/reset", null)) { }
        await action();
        return (await stack.GetJsonAsync<JsonElement>("/admin/storage/round-trips")).GetProperty("count").GetInt64();
    }

    /// <summary>Round trips and entities read by one function's invocations since the last reset.</summary>
    public static async Task<(long RoundTrips, long EntitiesRead)> TallyOfAsync(LocalStack stack, string function)
    {
        var counted = await stack.GetJsonAsync<JsonElement>("/admin/storage/round-trips");
        return counted.GetProperty("byFunction").TryGetProperty(function, out var tally)
            ? (tally.GetProperty("roundTrips").GetInt64(), tally.GetProperty("entitiesRead").GetInt64())
            : (0, 0);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>
/// The staff queue with 5,000 open tickets in 5 departments (DESIGN: ≥ 300 req/s at concurrency 8 for one department's page).
/// The view rows are written through the app's own <see cref="StaffQueueTable"/>, as the dispatcher writes them; the page
/// reads only the view, so tickets behind them are not needed to measure it.
/// </summary>
public sealed class StaffQueueScenario(bool oneDepartment) : BenchmarkScenario
{
    public const int OpenTickets = 5000;
    private static readonly string[] Departments = ["general", "crypto", "pki", "bench-licensing", "bench-cloud"];
    private static Task? _seeded;
    private HttpClient? _agent;

    public override string Name => oneDepartment ? "GET /api/staff/tickets?department=" : "GET /api/staff/tickets (5 departments)";
    public override double? MinRequestsPerSecond => oneDepartment ? 300 : null;

    public override async Task PrepareAsync(LocalStack stack)
    {
        await (_seeded ??= SeedAsync(stack));
        _agent ??= await Desk.SignInAsync(stack, StaffCaller.AgentRole);
    }

    public override async Task<bool> SendAsync(LocalStack stack, int sequence)
    {
        var path = oneDepartment ? $"/api/staff/tickets?department={Departments[sequence % Departments.Length]}" : "/api/staff/tickets";
        using var response = await _agent!.GetAsync(path);
        return response.IsSuccessStatusCode;
    }

    private static async Task SeedAsync(LocalStack stack)
    {
        using (var seeded = await stack.Client.PostAsync("/admin/seed", null))
        {
            seeded.EnsureSuccessStatusCode();
        }
        using var admin = await Desk.SignInAsync(stack, StaffCaller.AdminRole);
        foreach (var department in Departments.Skip(3))
        {
            using var added = await admin.PostAsJsonAsync("/api/staff/departments", new { id = department, names = new { ru = department, en = department } });
            if (!added.IsSuccessStatusCode && (int)added.StatusCode != 409)
            {
                await Desk.JsonAsync(added);
            }
        }
        var queue = new StaffQueueTable(Desk.Storage(stack));
        // One writer per department: the department's counts row takes one change at a time, as it does for the dispatcher.
        await Parallel.ForEachAsync(Enumerable.Range(0, Departments.Length), async (department, cancellationToken) =>
        {
            for (var n = department; n < OpenTickets; n += Departments.Length)
            {
                await queue.ApplyAsync(OpenTicket(n), [], "", cancellationToken);
            }
        });
        Console.WriteLine($"seeded the staff queue: {OpenTickets} open tickets in {Departments.Length} departments");
    }

    private static QueueEntry OpenTicket(int n)
    {
        var accountId = $"bench{n % 200:D4}";
        var createdAt = DateTimeOffset.UtcNow.AddMinutes(-n);
        var status = (n % 3) switch { 0 => TicketStatus.Open, 1 => TicketStatus.InProgress, _ => TicketStatus.AwaitingCustomer };
        return new QueueEntry(
            9_000_000_000L + n, accountId, $"Служба не запускается после обновления ({n})", $"Клиент {n % 200}",
            Departments[n % Departments.Length], Ticket.DefaultType, status, (TicketPriority)(n % 5), Assignee: null, Certificate: null,
            createdAt, createdAt, createdAt, new MessageAuthor(AuthorKind.Customer, accountId, $"Клиент {n % 200}"),
            FirstResponseDueAt: createdAt.AddHours(8), FirstRespondedAt: null,
            AutoCloseAt: status == TicketStatus.AwaitingCustomer ? createdAt.AddDays(3) : null, Version: 1);
    }

    /// <summary>Storage round trips of the desk's requests, one at a time, on a ticket the demo customer sent.</summary>
    public override async Task ReportExtraAsync(LocalStack stack)
    {
        if (!oneDepartment)
        {
            return;
        }
        using var customer = await DemoCustomer.SignInAsync(stack);
        using var agent = await Desk.SignInAsync(stack, StaffCaller.AgentRole);
        using var sent = await customer.PostAsJsonAsync("/api/tickets", new { subject = "Counted at the desk", description = "x" });
        var id = (await Desk.JsonAsync(sent)).GetProperty("id").GetInt64();
        // The agent's first request records them in the staff directory (once per process): not part of any figure.
        using (await agent.GetAsync("/api/staff/tickets?department=general")) { }

        Report.Header("Storage round trips per request (desk)");
        Report.Figure("staff queue page (one department)", await Desk.RoundTripsAsync(stack, async () =>
        {
            using (await agent.GetAsync("/api/staff/tickets?department=general")) { }
        }), "round trips", budget: 1);
        var etag = "";
        Report.Figure("staff ticket view", await Desk.RoundTripsAsync(stack, async () =>
        {
            using var viewed = await agent.GetAsync($"/api/staff/tickets/{id}");
            etag = (await Desk.JsonAsync(viewed)).GetProperty("etag").GetString()!;
        }), "round trips", budget: 2);
        Report.Figure("staff reply", await Desk.RoundTripsAsync(stack, async () =>
        {
            using var replied = await agent.PostAsJsonAsync($"/api/staff/tickets/{id}/messages", new { body = "Посмотрим.", kind = "reply" });
            etag = (await Desk.JsonAsync(replied)).GetProperty("etag").GetString()!;
        }), "round trips", budget: 4);
        Report.Figure("staff PATCH", await Desk.RoundTripsAsync(stack, async () =>
        {
            using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/staff/tickets/{id}") { Content = JsonContent.Create(new { priority = "high" }) };
            patch.Headers.TryAddWithoutValidation("If-Match", etag);
            using (await agent.SendAsync(patch)) { }
        }), "round trips");
    }
}

/// <summary>
/// The auto-close sweep with 100,000 tickets in storage of which 1,000 are due (DESIGN: reads ≤ 1.1k entities).
/// The 1,000 go the whole way through the API (sent, an agent asks for information, the dispatcher indexes the clock);
/// the rest are copies of a real ticket's header in their own partitions, and 9,000 of them wait in the due-date index
/// for a moment the clock does not reach, so a sweep that scanned would show it.
/// </summary>
public static class AutoCloseSweepBenchmark
{
    public const int TicketsInStorage = 100_000;
    public const int DueTickets = 1_000;
    public const int NotYetDue = 9_000;
    private const string Sweep = "AutoCloseStaleTickets";

    public static async Task RunAsync(LocalStack stack)
    {
        Report.Header($"Auto-close sweep: {TicketsInStorage:N0} tickets, {DueTickets:N0} due");
        var (firstClose, lastClose) = await SendAndAskAsync(stack);
        var storage = Desk.Storage(stack);
        var inStorage = await FillAsync(storage);
        await stack.DrainQueueAsync(TicketChangeQueue.QueueName, TimeSpan.FromMinutes(5));
        Console.WriteLine($"tickets in storage: {inStorage:N0}; due-date index: {DueTickets * 2:N0} entries of the {DueTickets:N0} plus {NotYetDue:N0} not yet due");

        // Reminders are due one business day before the close: stop the clock an hour before the first close.
        await MoveClockToAsync(stack, firstClose.AddHours(-1));
        await MeasureAsync(stack, "reminder sweep");
        await MoveClockToAsync(stack, lastClose.AddMinutes(1));
        await MeasureAsync(stack, "close sweep", entitiesBudget: 1100);
        await MeasureAsync(stack, "second run, nothing due");
    }

    private static async Task MeasureAsync(LocalStack stack, string name, double? entitiesBudget = null)
    {
        using (await stack.Client.PostAsync("/admin/storage/round-trips/reset", null)) { }
        using var patient = new HttpClient { BaseAddress = stack.BaseUri, Timeout = TimeSpan.FromMinutes(15) };
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using (var run = await patient.PostAsJsonAsync($"/admin/functions/{Sweep}", new { }))
        {
            run.EnsureSuccessStatusCode();
        }
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var (roundTrips, entitiesRead) = await Desk.TallyOfAsync(stack, Sweep);
        Report.Figure($"{name}: entities read", entitiesRead, "entities", budget: entitiesBudget);
        Report.Figure($"{name}: round trips", roundTrips, "calls");
        Report.Figure($"{name}: time", elapsed.TotalMilliseconds, "ms");
    }

    /// <summary>The due tickets, sent by the four demo customers and each asked for information by an agent; returns the earliest and latest close.</summary>
    private static async Task<(DateTimeOffset First, DateTimeOffset Last)> SendAndAskAsync(LocalStack stack)
    {
        var customers = new List<HttpClient>();
        foreach (var email in new[] { "demo@example.com", "olga@example.com", "it@northwind.example", "petrov@example.com" })
        {
            customers.Add(await DemoCustomer.SignInAsync(stack, email));
        }
        using var agent = await Desk.SignInAsync(stack, StaffCaller.AgentRole);
        var closes = new System.Collections.Concurrent.ConcurrentBag<DateTimeOffset>();
        await Parallel.ForEachAsync(Enumerable.Range(0, DueTickets), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, cancellationToken) =>
        {
            using var sent = await customers[n % customers.Count].PostAsJsonAsync("/api/tickets", new { subject = $"Ждёт ответа {n}", description = "Нужны журналы." }, cancellationToken);
            var id = (await Desk.JsonAsync(sent)).GetProperty("id").GetInt64();
            using var asked = await agent.PostAsJsonAsync($"/api/staff/tickets/{id}/messages", new { body = "Пришлите, пожалуйста, журналы.", kind = "info_request" }, cancellationToken);
            closes.Add((await Desk.JsonAsync(asked)).GetProperty("autoCloseAt").GetDateTimeOffset());
        });
        foreach (var customer in customers)
        {
            customer.Dispose();
        }
        return (closes.Min(), closes.Max());
    }

    /// <summary>Copies one real ticket header until storage holds <see cref="TicketsInStorage"/> tickets; returns how many it holds.</summary>
    private static async Task<int> FillAsync(StorageClients storage)
    {
        var tickets = await storage.TableAsync(Functions.Tickets.TableTicketStore.TableName);
        var headerRows = Azure.Data.Tables.TableClient.CreateQueryFilter($"RowKey gt {"h-"} and RowKey lt {"h."}");
        var existing = 0;
        Azure.Data.Tables.TableEntity? template = null;
        await foreach (var header in tickets.QueryAsync<Azure.Data.Tables.TableEntity>(headerRows))
        {
            template ??= header;
            existing++;
        }
        var copies = TicketsInStorage - existing;
        const int perPartition = 100;
        await Parallel.ForEachAsync(Enumerable.Range(0, (copies + perPartition - 1) / perPartition), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (partition, cancellationToken) =>
            {
                var rows = Enumerable.Range(partition * perPartition, Math.Min(perPartition, copies - partition * perPartition))
                    .Select(n => new Azure.Data.Tables.TableTransactionAction(Azure.Data.Tables.TableTransactionActionType.Add, CopyOf(template!, $"benchfill{partition:D5}", 8_000_000_000L + n)));
                await tickets.SubmitTransactionAsync(rows, cancellationToken);
            });

        var index = new AutoCloseIndexTable(storage);
        var later = DateTimeOffset.UtcNow.AddDays(60);
        await Parallel.ForEachAsync(Enumerable.Range(0, NotYetDue), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, cancellationToken) =>
        {
            var waiting = new QueueEntry(8_000_000_000L + n, $"benchfill{n / perPartition:D5}", "", "", "general", Ticket.DefaultType,
                TicketStatus.AwaitingCustomer, TicketPriority.Normal, null, null, later, later, later, MessageAuthor.System, null, null,
                AutoCloseAt: later.AddMinutes(n), Version: 2);
            await index.ScheduleAsync(waiting.AccountId, AutoCloseIndexTable.KeysFor(waiting, reminderAt: null), cancellationToken);
        });
        return existing + copies;
    }

    private static Azure.Data.Tables.TableEntity CopyOf(Azure.Data.Tables.TableEntity template, string partition, long ticketId)
    {
        var copy = new Azure.Data.Tables.TableEntity(partition, $"h-{ticketId:D10}");
        foreach (var (name, value) in template)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            {
                copy[name] = value;
            }
        }
        copy["Id"] = ticketId;
        return copy;
    }

    private static async Task MoveClockToAsync(LocalStack stack, DateTimeOffset moment)
    {
        var now = (await stack.GetJsonAsync<JsonElement>("/admin/clock")).GetProperty("now").GetDateTimeOffset();
        if (moment > now)
        {
            using var moved = await stack.Client.PostAsJsonAsync("/admin/clock/advance", new { by = (moment - now).ToString("c", System.Globalization.CultureInfo.InvariantCulture) });
            moved.EnsureSuccessStatusCode();
        }
    }
}
