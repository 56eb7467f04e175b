using SupportFunctions.Benchmarks;
using SupportFunctions.IntegrationTests.Infrastructure;

// ./support bench [--seconds N] [--only load|desk|sweep|kb]: figures against the budgets in DESIGN.md, printed, never asserted.
var seconds = OptionOf("--seconds") is { } given ? int.Parse(given, System.Globalization.CultureInfo.InvariantCulture) : 10;
var only = OptionOf("--only");
var duration = TimeSpan.FromSeconds(seconds);
var warmUp = TimeSpan.FromSeconds(Math.Min(3, seconds));

Console.WriteLine($"SupportFunctions benchmarks: {Environment.ProcessorCount} cores, {duration.TotalSeconds:0} s per load scenario after {warmUp.TotalSeconds:0} s warm-up");
if (only is null or "load")
{
    await using var stack = await StartStackAsync(azuriteHeapMiB: null);
    await RunLoadAsync(stack, [
        new HealthScenario(),
        // The list runs before the creates fill the demo customer's partition with thousands of tickets (Azurite's list time
        // grows with the partition: about 170 req/s once it holds 2,000 tickets, where Table Storage would use its index).
        new ListTicketsScenario(),
        new CreateTicketScenario(),
    ]);
}
if (only is null or "desk")
{
    // A stack of its own: 5,000 queue rows do not fit the default Azurite heap next to the tickets the creates leave.
    await using var stack = await StartStackAsync(azuriteHeapMiB: 1024);
    await RunLoadAsync(stack, [new StaffQueueScenario(oneDepartment: true), new StaffQueueScenario(oneDepartment: false)], reportMemory: false);
}
if (only is null or "sweep")
{
    // A stack of its own: it holds 100,000 tickets in Azurite's memory and moves the app's clock days ahead.
    await using var stack = await StartStackAsync(azuriteHeapMiB: 3072);
    await AutoCloseSweepBenchmark.RunAsync(stack);
}
if (only is null or "kb")
{
    // In process, no stack: the knowledge base's index and suggestions at 10,000 articles.
    KbBenchmark.Run();
}

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

async Task RunLoadAsync(LocalStack stack, BenchmarkScenario[] scenarios, bool reportMemory = true)
{
    var processes = new Dictionary<string, int> { ["devhost"] = stack.ProcessId, ["azurite"] = stack.AzuriteProcessId };

    Report.Header("HTTP load on the local stack (DevHost + Azurite)");
    await using (var memory = new MemorySampler(processes))
    {
        foreach (var scenario in scenarios)
        {
            await scenario.PrepareAsync(stack);
            var result = await LoadRunner.RunAsync(scenario.Name, sequence => scenario.SendAsync(stack, sequence), concurrency: 8, duration, warmUp);
            Report.Load(result, scenario.MinRequestsPerSecond, scenario.MaxP99Ms);
        }
        if (reportMemory)
        {
            Report.Header("Memory of the local stack under that load (peak resident set)");
            foreach (var (name, bytes) in memory.PeakBytes)
            {
                Report.Figure($"{name} peak RSS", bytes / 1048576.0, "MiB");
            }
            Report.Figure("devhost + azurite peak RSS", memory.PeakTotalBytes / 1048576.0, "MiB", budget: 190);
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
