using SupportFunctions.Benchmarks;
using SupportFunctions.IntegrationTests.Infrastructure;

// ./support bench [--seconds N] [--only load|desk|large|sweep|startup|kb|web] [--json FILE]:
// figures against the budgets in DESIGN.md, printed (and written as JSON), never asserted.
var seconds = OptionOf("--seconds") is { } given ? int.Parse(given, System.Globalization.CultureInfo.InvariantCulture) : 4;
var only = OptionOf("--only");
var jsonFile = OptionOf("--json");
var duration = TimeSpan.FromSeconds(seconds);
var warmUp = TimeSpan.FromSeconds(Math.Min(2, seconds));
int[] concurrencies = [1, 8, 32];
var machine = new { cores = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString(), secondsPerLoad = seconds, startedAt = DateTimeOffset.UtcNow };

Console.WriteLine($"SupportFunctions benchmarks: {Environment.ProcessorCount} cores, {duration.TotalSeconds:0} s per load after {warmUp.TotalSeconds:0} s warm-up, concurrency {string.Join("/", concurrencies)}");
if (Wanted("load"))
{
    await using var stack = await StartStackAsync(azuriteHeapMiB: 512);
    // The creates run last: the others' rows are in place before thousands of new tickets join the demo customer's partition.
    await RunLoadAsync(stack, [new HealthScenario(), new ListTicketsScenario(), new ViewTicketScenario(), new ReplyScenario(), new CreateTicketScenario()], reportMemory: true);
}
if (Wanted("desk"))
{
    // A stack of its own: 5,000 queue rows do not fit the default Azurite heap next to the tickets the creates leave.
    await using var stack = await StartStackAsync(azuriteHeapMiB: 1024);
    await RunLoadAsync(stack, [new StaffQueueScenario(oneDepartment: true), new StaffQueueScenario(oneDepartment: false)], reportMemory: false);
}
if (Wanted("large"))
{
    // A stack of its own: 20,000 tickets with their messages in Azurite's memory.
    await using var stack = await StartStackAsync(azuriteHeapMiB: 3072);
    await LargeCustomerBenchmark.RunAsync(stack, (name, send, concurrency) => LoadRunner.RunAsync(name, send, concurrency, duration, warmUp));
}
if (Wanted("sweep"))
{
    // A stack of its own: it holds 100,000 tickets in Azurite's memory and moves the app's clock days ahead.
    await using var stack = await StartStackAsync(azuriteHeapMiB: 3072);
    await AutoCloseSweepBenchmark.RunAsync(stack);
}
if (Wanted("startup"))
{
    // Storage and mail up (this stack's), a new DevHost process against them.
    await using var stack = await StartStackAsync(azuriteHeapMiB: null);
    await StartupBenchmark.RunAsync(stack);
}
if (Wanted("kb"))
{
    // In process, no stack: the knowledge base's index and suggestions at 10,000 articles.
    KbBenchmark.Run();
}
if (Wanted("web"))
{
    WebBytesBenchmark.Run();
}
if (jsonFile is not null)
{
    Report.WriteJson(jsonFile, machine);
}

bool Wanted(string group) => only is null || only.Split(',').Contains(group);

static async Task<LocalStack> StartStackAsync(int? azuriteHeapMiB)
{
    var settings = new Dictionary<string, string>
    {
        ["Logging__LogLevel__Default"] = "Warning",
        // The sweep is run on demand and measured; its schedule must not fire in the middle (1 January, 03:00).
        ["AutoCloseSchedule"] = "0 0 3 1 1 *",
    };
    if (azuriteHeapMiB is { } heap)
    {
        settings["DevHost__AzuriteHeapMiB"] = heap.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
    var stack = await LocalStack.StartAsync(settings);
    AppDomain.CurrentDomain.UnhandledException += (_, _) => Console.Error.WriteLine($"--- the stack's log:\n{stack.Output[^Math.Min(8000, stack.Output.Length)..]}");
    return stack;
}

async Task RunLoadAsync(LocalStack stack, BenchmarkScenario[] scenarios, bool reportMemory)
{
    var processes = new Dictionary<string, int> { ["functions app (devhost)"] = stack.ProcessId, ["azurite"] = stack.AzuriteProcessId };

    Report.Header("HTTP load on the local stack (DevHost + Azurite); budgets are stated at concurrency 8");
    await using (var memory = new MemorySampler(processes))
    {
        foreach (var scenario in scenarios)
        {
            await scenario.PrepareAsync(stack);
            foreach (var concurrency in concurrencies)
            {
                var result = await LoadRunner.RunAsync(scenario.Name, sequence => scenario.SendAsync(stack, sequence), concurrency, duration, warmUp);
                Report.Load(result, concurrency == 8 ? scenario.MinRequestsPerSecond : null, concurrency == 8 ? scenario.MaxP99Ms : null);
            }
        }
        if (reportMemory)
        {
            Report.Header("Memory under that load, up to concurrency 32 (peak resident set)");
            foreach (var (name, bytes) in memory.PeakBytes)
            {
                Report.Figure($"{name} peak RSS", bytes / 1048576.0, "MiB", budget: name.StartsWith("functions", StringComparison.Ordinal) ? 200 : null);
            }
        }
    }

    foreach (var scenario in scenarios)
    {
        await scenario.ReportExtraAsync(stack);
    }
}

string? OptionOf(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
